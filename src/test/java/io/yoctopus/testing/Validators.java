package io.yoctopus.testing;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

/** The Bean Validation the application server provides, for the runtime's beans under Weld SE. */
@ApplicationScoped
public class Validators {

    private final ValidatorFactory validation = Validation.buildDefaultValidatorFactory();

    @Produces
    Validator validator() {
        return validation.getValidator();
    }

    @PreDestroy
    void close() {
        validation.close();
    }
}
