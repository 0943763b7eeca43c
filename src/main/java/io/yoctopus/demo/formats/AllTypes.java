package io.yoctopus.demo.formats;

import io.yoctopus.api.Hostname;
import io.yoctopus.api.IsoDate;
import io.yoctopus.api.OneOf;
import jakarta.validation.constraints.Email;
import java.util.List;
import java.util.Map;

/** Every request format type of the wire protocol, one per field. */
public record AllTypes(
        String s,
        double n,
        boolean b,
        List<Object> a,
        Map<String, Object> o,
        @Email String e,
        @Hostname String h,
        @IsoDate String d,
        @OneOf({"active", "inactive", "pending"}) String u,
        @GreaterThanZero double c,
        Nested nested) {

    /** {@code {user: {name, address: {street, city, zip}}}} */
    public record Nested(User user) {
    }

    public record User(String name, Address address) {
    }

    public record Address(String street, String city, String zip) {
    }
}
