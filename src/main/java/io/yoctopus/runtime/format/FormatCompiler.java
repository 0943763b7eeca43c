package io.yoctopus.runtime.format;

import io.yoctopus.api.Hostname;
import io.yoctopus.api.IsoDate;
import io.yoctopus.api.OneOf;
import io.yoctopus.runtime.catalogue.DeploymentProblems;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.validation.Constraint;
import jakarta.validation.constraints.Email;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Compiles the Java type of a handler's data parameter into a {@link Format}, once, at deployment.
 * Every type it cannot map becomes a deployment problem naming where it was found.
 */
public final class FormatCompiler {

    private static final Map<Class<?>, Format> NUMBERS = Map.ofEntries(
            Map.entry(byte.class, integral(Byte.MIN_VALUE, Byte.MAX_VALUE)),
            Map.entry(Byte.class, integral(Byte.MIN_VALUE, Byte.MAX_VALUE)),
            Map.entry(short.class, integral(Short.MIN_VALUE, Short.MAX_VALUE)),
            Map.entry(Short.class, integral(Short.MIN_VALUE, Short.MAX_VALUE)),
            Map.entry(int.class, integral(Integer.MIN_VALUE, Integer.MAX_VALUE)),
            Map.entry(Integer.class, integral(Integer.MIN_VALUE, Integer.MAX_VALUE)),
            Map.entry(long.class, integral(Long.MIN_VALUE, Long.MAX_VALUE)),
            Map.entry(Long.class, integral(Long.MIN_VALUE, Long.MAX_VALUE)),
            Map.entry(BigInteger.class, new Format.Number(true, null, null, null)),
            Map.entry(float.class, decimal(Float.MAX_VALUE, "float")),
            Map.entry(Float.class, decimal(Float.MAX_VALUE, "float")),
            Map.entry(double.class, decimal(Double.MAX_VALUE, "double")),
            Map.entry(Double.class, decimal(Double.MAX_VALUE, "double")),
            Map.entry(BigDecimal.class, new Format.Number(false, null, null, null)),
            Map.entry(Number.class, new Format.Number(false, null, null, null)));

    private static final Map<Class<?>, Function<String, ?>> DATES = Map.of(
            LocalDate.class, LocalDate::parse,
            LocalDateTime.class, LocalDateTime::parse,
            LocalTime.class, LocalTime::parse,
            OffsetDateTime.class, OffsetDateTime::parse,
            ZonedDateTime.class, ZonedDateTime::parse,
            Instant.class, Instant::parse);

    private static final Set<String> STANDARD_CONSTRAINT_PACKAGES = Set.of(
            "jakarta.validation.constraints", "org.hibernate.validator.constraints", OneOf.class.getPackageName());

    private final DeploymentProblems problems;
    private final String where;
    private final Set<Class<?>> visiting = new HashSet<>();

    private FormatCompiler(DeploymentProblems problems, String where) {
        this.problems = problems;
        this.where = where;
    }

    /**
     * The format of {@code type}; never null. Each type it refuses is recorded as a problem and stands in the
     * format as {@link Format.Any}, so that the analysis goes on and reports every problem at once.
     *
     * @param where names the parameter in problem messages, e.g. {@code "com.example.Greeter.hello(Hello)"}
     */
    public static Format compile(Type type, String where, DeploymentProblems problems) {
        return new FormatCompiler(problems, where).compile(type, "", false);
    }

    private Format compile(Type type, String path, boolean anyAllowed) {
        if (type instanceof Class<?> raw) {
            return compileClass(raw, path, anyAllowed);
        }
        if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw) {
            Type[] arguments = generic.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && raw.isAssignableFrom(ArrayList.class)
                    || raw == Set.class) {
                return new Format.Array(compile(arguments[0], path + "[]", true));
            }
            if (raw == Map.class) {
                if (arguments[0] != String.class) {
                    return unsupported(type, path, "not a supported format type (map keys must be String)");
                }
                return new Format.Dictionary(compile(arguments[1], path + "{}", true));
            }
            if (raw == Optional.class) {
                return unsupported(type, path, "not a supported format type (Optional is only allowed as a record component)");
            }
        }
        return unsupported(type, path, "not a supported format type");
    }

    private Format compileClass(Class<?> type, String path, boolean anyAllowed) {
        if (type == String.class) {
            return new Format.Text("string");
        }
        if (type == boolean.class || type == Boolean.class) {
            return new Format.Bool();
        }
        Format number = NUMBERS.get(type);
        if (number != null) {
            return number;
        }
        Function<String, ?> parser = DATES.get(type);
        if (parser != null) {
            return new Format.Date(parses(parser));
        }
        if (type.isEnum()) {
            return new Format.Union(Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
        }
        if (type.isRecord()) {
            return compileRecord(type, path);
        }
        if (type.isArray()) {
            return new Format.Array(compile(type.getComponentType(), path + "[]", true));
        }
        if (type == List.class || type == Collection.class || type == Set.class || type == JsonArray.class) {
            return new Format.Array(new Format.Any());
        }
        if (type == Map.class || type == JsonObject.class) {
            return new Format.Dictionary(new Format.Any());
        }
        if (type == Object.class && anyAllowed) {
            return new Format.Any();
        }
        return unsupported(type, path, type.isInterface() || type == Object.class
                ? "not a supported format type" : "not a supported format type (use a record for objects)");
    }

    private Format compileRecord(Class<?> type, String path) {
        if (!visiting.add(type)) {
            return unsupported(type, path, "not a supported format type (a record may not contain itself)");
        }
        for (Annotation annotation : type.getAnnotations()) {
            if (isConstraint(annotation)) {
                problems.add(where + ": record " + type.getName()
                        + " has a class-level constraint @" + annotation.annotationType().getSimpleName()
                        + "; put constraints on its components");
            }
        }
        List<Format.Field> fields = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            fields.add(compileField(type, component, FormatCheck.join(path, component.getName())));
        }
        visiting.remove(type);
        return new Format.Record(type, List.copyOf(fields));
    }

    private Format.Field compileField(Class<?> owner, RecordComponent component, String path) {
        Type type = component.getGenericType();
        boolean optional = component.getType() == Optional.class;
        if (optional) {
            type = type instanceof ParameterizedType generic ? generic.getActualTypeArguments()[0] : Object.class;
        }
        List<Annotation> annotations = annotationsOf(owner, component);
        if (optional) {
            // Bean Validation does not unwrap Optional for a constraint on the component itself
            for (Annotation annotation : declarationAnnotationsOf(owner, component)) {
                if (isConstraint(annotation)) {
                    String name = annotation.annotationType().getSimpleName();
                    problems.add(where + " field '" + path + "': constraint @" + name + " is on the Optional; put it"
                            + " on the value: Optional<@" + name + " " + ((Class<?>) rawType(type)).getSimpleName() + ">");
                }
            }
        }
        Format format = compile(type, path, false);
        String renderAs = null;
        boolean constrained = false;
        for (Annotation annotation : annotations) {
            if (!isConstraint(annotation)) {
                continue;
            }
            constrained = true;
            if (annotation instanceof OneOf oneOf && type == String.class) {
                format = new Format.Union(List.of(oneOf.value()));
            }
            renderAs = strongerName(renderAs, wireNameOf(annotation));
        }
        if (!optional && constrainsElements(fieldOf(owner, component).getAnnotatedType())) {
            constrained = true; // e.g. List<@Email String>: Bean Validation checks the elements of the field
        }
        return new Format.Field(component.getName(), format, optional, renderAs, constrained,
                component.getGenericType());
    }

    /** Whether a constraint sits on a type argument, at any depth. */
    private static boolean constrainsElements(AnnotatedType type) {
        if (type instanceof AnnotatedParameterizedType generic) {
            for (AnnotatedType argument : generic.getAnnotatedActualTypeArguments()) {
                if (Arrays.stream(argument.getAnnotations()).anyMatch(FormatCompiler::isConstraint)
                        || constrainsElements(argument)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Annotations on a component land on its field, its accessor or its type, depending on their targets;
     * those of an {@code Optional} component may also sit on its type argument.
     */
    private static List<Annotation> annotationsOf(Class<?> owner, RecordComponent component) {
        List<Annotation> annotations = new ArrayList<>(Arrays.asList(component.getAnnotations()));
        Field field = fieldOf(owner, component);
        annotations.addAll(Arrays.asList(field.getAnnotations()));
        annotations.addAll(Arrays.asList(field.getAnnotatedType().getAnnotations()));
        if (component.getType() == Optional.class
                && field.getAnnotatedType() instanceof AnnotatedParameterizedType optional) {
            // Optional<@Email String>: the constraint is on the value inside
            annotations.addAll(Arrays.asList(optional.getAnnotatedActualTypeArguments()[0].getAnnotations()));
        }
        return annotations;
    }

    private static List<Annotation> declarationAnnotationsOf(Class<?> owner, RecordComponent component) {
        return Arrays.asList(fieldOf(owner, component).getAnnotations());
    }

    /** Every record component has a private field of its name. */
    private static Field fieldOf(Class<?> owner, RecordComponent component) {
        try {
            return owner.getDeclaredField(component.getName());
        } catch (NoSuchFieldException impossible) {
            throw new IllegalStateException("record component without field: " + component, impossible);
        }
    }

    private static Type rawType(Type type) {
        return type instanceof ParameterizedType generic ? generic.getRawType() : type;
    }

    private static boolean isConstraint(Annotation annotation) {
        return annotation.annotationType().isAnnotationPresent(Constraint.class);
    }

    private static String wireNameOf(Annotation annotation) {
        if (annotation instanceof Email) {
            return "email";
        }
        if (annotation instanceof Hostname) {
            return "hostname";
        }
        if (annotation instanceof IsoDate) {
            return "date";
        }
        if (annotation instanceof OneOf) {
            return null;
        }
        return STANDARD_CONSTRAINT_PACKAGES.contains(annotation.annotationType().getPackageName()) ? null : "custom";
    }

    private static String strongerName(String current, String candidate) {
        List<String> order = List.of("email", "hostname", "date", "custom");
        if (candidate == null) {
            return current;
        }
        return current == null || order.indexOf(candidate) < order.indexOf(current) ? candidate : current;
    }

    private Format unsupported(Type type, String path, String why) {
        problems.add(where + (path.isEmpty() ? "" : " field '" + path + "'") + ": " + type.getTypeName() + " is " + why);
        return new Format.Any();
    }

    private static Format integral(long min, long max) {
        return new Format.Number(true, BigDecimal.valueOf(min), BigDecimal.valueOf(max),
                "must be between " + min + " and " + max);
    }

    private static Format decimal(double max, String type) {
        return new Format.Number(false, BigDecimal.valueOf(-max), BigDecimal.valueOf(max),
                "must be a finite number within the range of " + type);
    }

    private static Predicate<String> parses(Function<String, ?> parser) {
        return text -> {
            try {
                parser.apply(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        };
    }
}
