package io.yoctopus.runtime.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yoctopus.api.Hostname;
import io.yoctopus.api.IsoDate;
import io.yoctopus.api.OneOf;
import io.yoctopus.demo.formats.AllTypes;
import io.yoctopus.runtime.catalogue.DeploymentProblems;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.spi.JsonbProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.PositiveOrZero;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.validator.HibernateValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Request formats: compiled from Java types, checked with every error and its path, bound with JSON-B. */
class FormatTest {

    private static final JsonCodec JSON = new JsonCodec();
    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    /** A valid {@link AllTypes} request; tests break one field at a time with {@link #with}. */
    private static final String ALL_TYPES = """
            {"s":"text","n":1.5,"b":true,"a":[1,"x"],"o":{"k":"v"},"e":"ann@example.com","h":"example.com",
             "d":"2024-02-29","u":"active","c":2.5,
             "nested":{"user":{"name":"Ann","address":{"street":"Main St 1","city":"Bern","zip":"3000"}}}}""";

    @AfterAll
    static void close() {
        JSON.close();
        VALIDATION.close();
    }

    // ----- test formats -----

    public record Address(String street, String city, String zip) {
    }

    public record Order(String id, List<Address> items) {
    }

    public record Profile(String name, Optional<String> nickname, Optional<Integer> age, Optional<Address> home) {
    }

    public enum Color { RED, GREEN, BLUE }

    public record Paint(Color color, @OneOf({"matt", "gloss"}) String finish) {
    }

    public record Contact(@Email String email, @Hostname String host, @IsoDate String since) {
    }

    public record OptionalContact(Optional<@Email String> email, Optional<@Hostname String> host) {
    }

    public record Mailing(List<@Email String> emails, Map<String, @PositiveOrZero Integer> scores) {
    }

    public record ConstrainedOptional(@Email Optional<String> email) {
    }

    public record Times(LocalDate day, OffsetDateTime at, Instant stamp) {
    }

    public record Counts(int count, long total, byte small, double ratio) {
    }

    public record Measures(float f, Float g, double d, Double e) {
    }

    public record Mailbox(List<Recipient> to) {
    }

    public record Recipient(@Email String address) {
    }

    public record Tagged(Set<String> tags, String[] names, Map<String, Integer> scores) {
    }

    public record WithObject(Object anything) {
    }

    public record WithThread(Thread thread) {
    }

    public static final class NotARecord {
        public String name;
    }

    public record WithClass(NotARecord value) {
    }

    public record WithIntegerKeys(Map<Integer, String> byNumber) {
    }

    public record Tree(String label, List<Tree> children) {
    }

    public record Loop(String name, Loop next) {
    }

    // ----- helpers -----

    private static Format compile(Type type) {
        DeploymentProblems problems = new DeploymentProblems();
        Format format = FormatCompiler.compile(type, "Test.handler(X) parameter 'data'", problems);
        assertEquals(List.of(), problems.list(), "compiling " + type.getTypeName());
        return format;
    }

    private static List<String> problemsOf(Type type) {
        DeploymentProblems problems = new DeploymentProblems();
        FormatCompiler.compile(type, "Test.handler(X) parameter 'data'", problems);
        return problems.list();
    }

    private static List<String> errors(Type type, String data) {
        return FormatCheck.errors(compile(type), JSON.parse(data), JSON, VALIDATOR);
    }

    private static String render(Type type) {
        return compile(type).render(JSON).toString();
    }

    /** Checks that {@code data} conforms, then binds it as the dispatcher does. */
    private static <T> T bind(Class<T> type, String data) {
        assertEquals(List.of(), errors(type, data), "errors of " + data);
        return type.cast(JSON.bind(JSON.parse(data), type));
    }

    /** {@link #ALL_TYPES} with one field replaced by a JSON text, or removed when {@code json} is null. */
    private static String with(String field, String json) {
        JsonObjectBuilder object = Json.createObjectBuilder(JSON.parse(ALL_TYPES).asJsonObject());
        if (json == null) {
            object.remove(field);
        } else {
            object.add(field, JSON.parse(json));
        }
        return object.build().toString();
    }

    // ----- the demo record: Yasson + Hibernate Validator -----

    @Test
    void allTypesRendersInTheWireNotation() {
        assertEquals("{\"s\":\"string\",\"n\":\"number\",\"b\":\"bool\",\"a\":\"array\",\"o\":\"object\","
                + "\"e\":\"email\",\"h\":\"hostname\",\"d\":\"date\",\"u\":[\"active\",\"inactive\",\"pending\"],"
                + "\"c\":\"custom\",\"nested\":{\"user\":{\"name\":\"string\",\"address\":"
                + "{\"street\":\"string\",\"city\":\"string\",\"zip\":\"string\"}}}}", render(AllTypes.class));
    }

    @Test
    void recordsBindWithYassonAndValidateWithHibernateValidator() {
        assertEquals("org.eclipse.yasson.JsonBindingProvider", JsonbProvider.provider().getClass().getName());
        assertInstanceOf(HibernateValidatorFactory.class, VALIDATION.unwrap(HibernateValidatorFactory.class));

        AllTypes bound = bind(AllTypes.class, ALL_TYPES);
        assertEquals("text", bound.s());
        assertEquals(1.5, bound.n());
        assertTrue(bound.b());
        assertEquals(List.of(BigDecimal.ONE, "x"), bound.a());
        assertEquals(Map.of("k", "v"), bound.o());
        assertEquals("ann@example.com", bound.e());
        assertEquals("3000", bound.nested().user().address().zip());
        assertEquals(Set.of(), VALIDATOR.validate(bound));

        AllTypes invalid = (AllTypes) JSON.bind(JSON.parse(with("e", "\"not-an-email\"")), AllTypes.class);
        Set<ConstraintViolation<AllTypes>> violations = VALIDATOR.validate(invalid);
        assertEquals(1, violations.size());
        assertEquals("e", violations.iterator().next().getPropertyPath().toString());
    }

    @Test
    void reportsEveryFailureOfOneRequestAtOnceWithItsPath() {
        String data = """
                {"s":1,"n":"one","b":"yes","a":{},"o":[],"e":"nobody","h":"-bad-.com","d":"29.02.2024",
                 "u":"gone","c":-1,"nested":{"user":{"name":"Ann","address":{"street":"Main St 1","city":"Bern"}}}}""";
        assertEquals(List.of(
                "s: must be a string",
                "n: must be a number",
                "b: must be a boolean",
                "a: must be an array",
                "o: must be an object",
                "e: must be a well-formed email address",
                "h: must be a valid hostname",
                "d: must be an ISO 8601 date or date-time",
                "u: must be one of active, inactive, pending",
                "c: must be greater than 0",
                "nested.user.address.zip: is required"), errors(AllTypes.class, data));
    }

    @Test
    void customConstraintRunsOnlyWhenTheStructureIsRight() {
        assertEquals(List.of("c: must be greater than 0"), errors(AllTypes.class, with("c", "0")));
        assertEquals(List.of("c: must be a number"), errors(AllTypes.class, with("c", "\"-1\"")));
    }

    @Test
    void everyComponentIsRequiredAndNullCountsAsMissing() {
        assertEquals(List.of("s: is required"), errors(AllTypes.class, with("s", null)));
        assertEquals(List.of("nested: is required"), errors(AllTypes.class, with("nested", "null")));
        assertEquals(List.of("data: must be an object"), errors(AllTypes.class, "[]"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertEquals(List.of(), errors(Address.class, "{\"street\":\"a\",\"city\":\"b\",\"zip\":\"c\",\"extra\":1}"));
    }

    // ----- nested structures -----

    @Nested
    class Structures {

        @Test
        void listElementsAreCheckedWithTheirIndex() {
            assertEquals(List.of("items[1].zip: is required", "items[2]: must be an object"), errors(Order.class, """
                    {"id":"o1","items":[{"street":"a","city":"b","zip":"1"},{"street":"c","city":"d"},"e"]}"""));
        }

        @Test
        void listOfRecordsBinds() {
            Order order = bind(Order.class, """
                    {"id":"o1","items":[{"street":"a","city":"b","zip":"1"},{"street":"c","city":"d","zip":"2"}]}""");
            assertEquals(List.of(new Address("a", "b", "1"), new Address("c", "d", "2")), order.items());
        }

        @Test
        void constraintsOfListElementsAreCheckedWithTheirPath() {
            assertEquals(List.of("to[1].address: must be a well-formed email address"),
                    errors(Mailbox.class, "{\"to\":[{\"address\":\"a@b.org\"},{\"address\":\"nope\"}]}"));
        }

        @Test
        void optionalComponentsMayBeMissingOrNull() {
            Profile bare = bind(Profile.class, "{\"name\":\"Ann\",\"age\":null}");
            assertEquals(new Profile("Ann", Optional.empty(), Optional.empty(), Optional.empty()), bare);

            Profile full = bind(Profile.class,
                    "{\"name\":\"Ann\",\"nickname\":\"A\",\"age\":42,\"home\":{\"street\":\"s\",\"city\":\"c\",\"zip\":\"z\"}}");
            assertEquals(new Profile("Ann", Optional.of("A"), Optional.of(42), Optional.of(new Address("s", "c", "z"))),
                    full);
        }

        @Test
        void optionalComponentsAreCheckedWhenPresent() {
            assertEquals(List.of("nickname: must be a string", "age: must be an integer", "home.zip: is required"),
                    errors(Profile.class,
                            "{\"name\":\"Ann\",\"nickname\":7,\"age\":1.5,\"home\":{\"street\":\"s\",\"city\":\"c\"}}"));
        }

        @Test
        void optionalComponentsRenderWithAQuestionMark() {
            assertEquals("{\"name\":\"string\",\"nickname?\":\"string\",\"age?\":\"number\",\"home?\":"
                    + "{\"street\":\"string\",\"city\":\"string\",\"zip\":\"string\"}}", render(Profile.class));
        }

        @Test
        void setsArraysAndStringKeyedMaps() {
            assertEquals("{\"tags\":\"array\",\"names\":\"array\",\"scores\":\"object\"}", render(Tagged.class));
            assertEquals(List.of("tags[1]: must be a string", "names: must be an array", "scores.b: must be an integer"),
                    errors(Tagged.class, "{\"tags\":[\"a\",2],\"names\":\"x\",\"scores\":{\"a\":1,\"b\":0.5}}"));
            Tagged tagged = bind(Tagged.class, "{\"tags\":[\"a\",\"b\"],\"names\":[\"x\"],\"scores\":{\"a\":1}}");
            assertEquals(Set.of("a", "b"), tagged.tags());
            assertEquals(List.of("x"), List.of(tagged.names()));
            assertEquals(Map.of("a", 1), tagged.scores());
        }

        @Test
        void clientKeysInPathsAreCut() {
            String key = "k".repeat(65);
            assertEquals(List.of("scores." + "k".repeat(64) + "…: must be an integer"),
                    errors(Tagged.class, "{\"tags\":[],\"names\":[],\"scores\":{\"" + key + "\":0.5}}"));
            assertEquals(List.of("scores." + "k".repeat(64) + "…: must be greater than or equal to 0"),
                    errors(Mailing.class, "{\"emails\":[],\"scores\":{\"" + key + "\":-1}}"));
            String exact = "k".repeat(64);
            assertEquals(List.of("scores." + exact + ": must be an integer"),
                    errors(Tagged.class, "{\"tags\":[],\"names\":[],\"scores\":{\"" + exact + "\":0.5}}"));
        }

        @Test
        void atMostTwentyErrorsAreListedTheLastCountingTheRest() {
            List<String> hundred = errors(Tagged.class, "{\"tags\":[" + "1,".repeat(99) + "1],\"names\":[],\"scores\":{}}");
            assertEquals(20, hundred.size());
            assertEquals("tags[18]: must be a string", hundred.get(18));
            assertEquals("… and 81 more errors", hundred.get(19));

            List<String> twenty = errors(Tagged.class, "{\"tags\":[" + "1,".repeat(19) + "1],\"names\":[],\"scores\":{}}");
            assertEquals(20, twenty.size());
            assertEquals("tags[19]: must be a string", twenty.get(19));

            List<String> twentyOne = errors(Tagged.class, "{\"tags\":[" + "1,".repeat(20) + "1],\"names\":[],\"scores\":{}}");
            assertEquals(20, twentyOne.size());
            assertEquals("… and 2 more errors", twentyOne.get(19));
        }

        @Test
        void constraintsOfAFieldAreCheckedOnlyWhenItsStructureIsRightAlsoPastTheLimit() {
            // 24 errors, past the limit, then an address that is no string: 25 in all. Its @Email must not
            // run as well (which would bind 5 as "5" and count a 26th)
            List<String> errors = errors(Mailbox.class, "{\"to\":[" + "1,".repeat(24) + "{\"address\":5}]}");
            assertEquals("… and 6 more errors", errors.get(19));
        }
    }

    // ----- value types -----

    @Nested
    class Values {

        @Test
        void enumsAndOneOfAreUnions() {
            assertEquals("{\"color\":[\"RED\",\"GREEN\",\"BLUE\"],\"finish\":[\"matt\",\"gloss\"]}", render(Paint.class));
            assertEquals(List.of("color: must be one of RED, GREEN, BLUE", "finish: must be one of matt, gloss"),
                    errors(Paint.class, "{\"color\":\"red\",\"finish\":\"shiny\"}"));
            assertEquals(new Paint(Color.BLUE, "gloss"), bind(Paint.class, "{\"color\":\"BLUE\",\"finish\":\"gloss\"}"));
        }

        @Test
        void emailHostnameAndIsoDate() {
            assertEquals("{\"email\":\"email\",\"host\":\"hostname\",\"since\":\"date\"}", render(Contact.class));
            assertEquals(new Contact("a@b.org", "db-1.example.org", "2024-02-29T12:00:00Z"),
                    bind(Contact.class, "{\"email\":\"a@b.org\",\"host\":\"db-1.example.org\",\"since\":\"2024-02-29T12:00:00Z\"}"));
            assertEquals(List.of("email: must be a well-formed email address", "host: must be a valid hostname",
                            "since: must be an ISO 8601 date or date-time"),
                    errors(Contact.class, "{\"email\":\"a@@b\",\"host\":\"a..b\",\"since\":\"2023-02-29\"}"));
            assertEquals(List.of("email: must be a string"),
                    errors(Contact.class, "{\"email\":1,\"host\":\"h\",\"since\":\"2024-01-01\"}"));
        }

        @Test
        void constraintsOnElementsAreCheckedPerElement() {
            assertEquals("{\"emails\":\"array\",\"scores\":\"object\"}", render(Mailing.class));
            assertEquals(List.of("emails[1]: must be a well-formed email address", "scores.bob: must be greater than or equal to 0"),
                    errors(Mailing.class, "{\"emails\":[\"a@b.org\",\"nobody\"],\"scores\":{\"amy\":1,\"bob\":-1}}"));
            assertEquals(List.of(), errors(Mailing.class, "{\"emails\":[\"a@b.org\"],\"scores\":{\"amy\":1}}"));
        }

        @Test
        void constraintsOnOptionalComponents() {
            assertEquals("{\"email?\":\"email\",\"host?\":\"hostname\"}", render(OptionalContact.class));
            assertEquals(List.of("email: must be a well-formed email address", "host: must be a valid hostname"),
                    errors(OptionalContact.class, "{\"email\":\"nobody\",\"host\":\"a..b\"}"));
            assertEquals(new OptionalContact(Optional.of("a@b.org"), Optional.empty()),
                    bind(OptionalContact.class, "{\"email\":\"a@b.org\"}"));
        }

        @Test
        void javaTimeTypesAreDates() {
            assertEquals("{\"day\":\"date\",\"at\":\"date\",\"stamp\":\"date\"}", render(Times.class));
            Times times = bind(Times.class,
                    "{\"day\":\"2024-02-29\",\"at\":\"2024-02-29T12:00:00+01:00\",\"stamp\":\"2024-02-29T11:00:00Z\"}");
            assertEquals(LocalDate.of(2024, 2, 29), times.day());
            assertEquals(OffsetDateTime.of(2024, 2, 29, 12, 0, 0, 0, ZoneOffset.ofHours(1)), times.at());
            assertEquals(Instant.parse("2024-02-29T11:00:00Z"), times.stamp());
            assertEquals(List.of("day: must be an ISO 8601 date", "at: must be an ISO 8601 date",
                            "stamp: must be an ISO 8601 date"),
                    errors(Times.class, "{\"day\":\"2023-02-29\",\"at\":\"2024-02-29\",\"stamp\":5}"));
        }

        @Test
        void integralNumbersRejectFractionsAndOutOfRangeValues() {
            assertEquals(List.of("count: must be an integer", "total: must be an integer",
                            "small: must be between -128 and 127"),
                    errors(Counts.class, "{\"count\":1.5,\"total\":0.1,\"small\":128,\"ratio\":0.25}"));
            assertEquals(List.of("count: must be between -2147483648 and 2147483647"),
                    errors(Counts.class, "{\"count\":1e12,\"total\":1e12,\"small\":-128,\"ratio\":1e12}"));
            // at the ends of BigDecimal's scale: stripping the zeros of 100e2147483647 would overflow it
            assertEquals(List.of("count: must be between -2147483648 and 2147483647", "total: must be an integer"),
                    errors(Counts.class, "{\"count\":100e2147483647,\"total\":1e-2147483647,\"small\":0,\"ratio\":0}"));
        }

        @Test
        void floatingPointNumbersOutOfTheirRangeAreToldSoCompactly() {
            assertEquals(List.of("ratio: must be a finite number within the range of double"),
                    errors(Counts.class, "{\"count\":1,\"total\":1,\"small\":1,\"ratio\":1e400}"));
            assertEquals(List.of("f: must be a finite number within the range of float",
                            "g: must be a finite number within the range of float",
                            "d: must be a finite number within the range of double",
                            "e: must be a finite number within the range of double"),
                    errors(Measures.class, "{\"f\":3.5e38,\"g\":-3.5e38,\"d\":-1e309,\"e\":1.8e308}"));
            assertEquals(List.of(), errors(Measures.class,
                    "{\"f\":3.4028234663852886e38,\"g\":-3.4e38,\"d\":1.7976931348623157e308,\"e\":-1e-400}"));
        }

        @Test
        void integralNumbersBindInEveryNotationTheCheckAccepts() {
            assertEquals(new Counts(100, 2, (byte) -128, 0.5),
                    bind(Counts.class, "{\"count\":1e2,\"total\":2.0,\"small\":-128,\"ratio\":0.5}"));
        }

        @Test
        void topLevelDataNeedNotBeARecord() {
            assertEquals(List.of("data: must be a string"), errors(String.class, "42"));
            assertEquals(List.of("data: must be an integer"), errors(Integer.class, "4.2"));
            assertEquals(List.of(), errors(String.class, "\"label\""));
        }
    }

    // ----- types that are not formats -----

    @Nested
    class Unsupported {

        @Test
        void objectComponent() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'anything': java.lang.Object is not a supported format type"),
                    problemsOf(WithObject.class));
        }

        @Test
        void threadComponent() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'thread': java.lang.Thread"
                    + " is not a supported format type (use a record for objects)"), problemsOf(WithThread.class));
        }

        @Test
        void nonRecordClass() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'value': " + NotARecord.class.getName()
                    + " is not a supported format type (use a record for objects)"), problemsOf(WithClass.class));
        }

        @Test
        void mapWithNonStringKeys() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'byNumber': "
                    + "java.util.Map<java.lang.Integer, java.lang.String> is not a supported format type (map keys must be String)"),
                    problemsOf(WithIntegerKeys.class));
        }

        @Test
        void recordContainingItself() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'next': " + Loop.class.getName()
                    + " is not a supported format type (a record may not contain itself)"), problemsOf(Loop.class));
        }

        @Test
        void recordContainingAListOfItself() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'children[]': " + Tree.class.getName()
                    + " is not a supported format type (a record may not contain itself)"), problemsOf(Tree.class));
        }

        @Test
        void constraintOnTheOptionalInsteadOfItsValue() {
            assertEquals(List.of("Test.handler(X) parameter 'data' field 'email': constraint @Email is on the Optional;"
                    + " put it on the value: Optional<@Email String>"), problemsOf(ConstrainedOptional.class));
        }

        @Test
        void topLevelThread() {
            assertEquals(List.of("Test.handler(X) parameter 'data': java.lang.Thread"
                    + " is not a supported format type (use a record for objects)"), problemsOf(Thread.class));
        }
    }
}
