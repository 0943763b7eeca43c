package io.yoctopus.runtime.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yoctopus.api.Hostname;
import io.yoctopus.api.IsoDate;
import io.yoctopus.runtime.catalogue.DeploymentProblems;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Email;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The compiler's choices that the request checks do not show: the formats of raw collection types, the
 * wire name a field's constraints give it, and what a type it refuses compiles to so that the analysis
 * goes on and reports every problem.
 */
class FormatCompilerTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final String WHERE = "Test.handler(X) parameter 'data'";

    @AfterAll
    static void close() {
        JSON.close();
    }

    /** A constraint of the application's own: rendered as {@code custom}. */
    @Constraint(validatedBy = Shouting.Check.class)
    @Target({ElementType.FIELD, ElementType.TYPE_USE, ElementType.METHOD, ElementType.TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Shouting {
        String message() default "must be upper case";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<Shouting, Object> {
            @Override
            public boolean isValid(Object value, ConstraintValidatorContext context) {
                return value == null || value.toString().equals(value.toString().toUpperCase());
            }
        }
    }

    public record Names(@Hostname @Email String a, @Email @Hostname String b, @Shouting @IsoDate String c,
            @IsoDate @Shouting String d, @Shouting String e, @Deprecated String plain) {
    }

    @Shouting
    public record ConstrainedWhole(String name) {
    }

    @Deprecated
    public record AnnotatedWhole(String name) {
    }

    public record Self(String name, Self next) {
    }

    public record Holder(Thread thread, Map<Integer, String> byNumber) {
    }

    private static Format compile(Type type, List<String> problems) {
        DeploymentProblems found = new DeploymentProblems();
        Format format = FormatCompiler.compile(type, WHERE, found);
        assertEquals(problems, found.list(), "problems of " + type.getTypeName());
        return format;
    }

    private static Type typeOf(String field) {
        try {
            return Generics.class.getDeclaredField(field).getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    /** Generic types as a handler declares them. */
    @SuppressWarnings("unused")
    private static final class Generics {
        Map<Integer, String> byNumber;
        Optional<String> maybe;
        Supplier<String> supplier;
        Set<String> set;
        Collection<String> collection;
    }

    @Test
    void rawCollectionTypesTakeAnyElements() {
        for (Class<?> type : List.of(List.class, Collection.class, Set.class, JsonArray.class)) {
            assertEquals(new Format.Array(new Format.Any()), compile(type, List.of()), type.getName());
        }
        for (Class<?> type : List.of(Map.class, JsonObject.class)) {
            assertEquals(new Format.Dictionary(new Format.Any()), compile(type, List.of()), type.getName());
        }
        assertEquals(new Format.Array(new Format.Text("string")), compile(typeOf("set"), List.of()));
        assertEquals(new Format.Array(new Format.Text("string")), compile(typeOf("collection"), List.of()));
        assertEquals("any", new Format.Any().render(JSON).toString().replace("\"", ""));
    }

    @Test
    void theStrongestWireNameOfAFieldsConstraintsIsRenderedWhateverTheirOrder() {
        assertEquals("{\"a\":\"email\",\"b\":\"email\",\"c\":\"date\",\"d\":\"date\",\"e\":\"custom\",\"plain\":\"string\"}",
                compile(Names.class, List.of()).render(JSON).toString());
    }

    @Test
    void aConstraintOnAWholeRecordIsAProblemAnyOtherAnnotationIsNot() {
        compile(ConstrainedWhole.class, List.of(WHERE + ": record " + ConstrainedWhole.class.getName()
                + " has a class-level constraint @Shouting; put constraints on its components"));
        compile(AnnotatedWhole.class, List.of());
    }

    /** Each refused type is named, and stands in the format as one that takes anything, so the analysis goes on. */
    @Test
    void aRefusedTypeCompilesToAnyAfterItsProblem() {
        assertEquals(new Format.Any(), compile(Thread.class, List.of(WHERE + ": java.lang.Thread is not a supported format"
                + " type (use a record for objects)")));
        assertEquals(new Format.Any(), compile(Runnable.class, List.of(WHERE + ": java.lang.Runnable is not a supported"
                + " format type")));
        assertEquals(new Format.Any(), compile(typeOf("byNumber"), List.of(WHERE + ": java.util.Map<java.lang.Integer,"
                + " java.lang.String> is not a supported format type (map keys must be String)")));
        assertEquals(new Format.Any(), compile(typeOf("maybe"), List.of(WHERE + ": java.util.Optional<java.lang.String>"
                + " is not a supported format type (Optional is only allowed as a record component)")));
        assertEquals(new Format.Any(), compile(typeOf("supplier"), List.of(WHERE + ": java.util.function.Supplier<"
                + "java.lang.String> is not a supported format type")));

        Format.Record self = (Format.Record) compile(Self.class, List.of(WHERE + " field 'next': " + Self.class.getName()
                + " is not a supported format type (a record may not contain itself)"));
        assertEquals(new Format.Any(), self.fields().get(1).format());
        Format.Record holder = (Format.Record) compile(Holder.class, List.of(
                WHERE + " field 'thread': java.lang.Thread is not a supported format type (use a record for objects)",
                WHERE + " field 'byNumber': java.util.Map<java.lang.Integer, java.lang.String> is not a supported format"
                        + " type (map keys must be String)"));
        assertEquals(List.of(new Format.Any(), new Format.Any()),
                holder.fields().stream().map(Format.Field::format).toList());
    }
}
