package io.yoctopus.runtime.dispatch;

import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.RequirementCheck;
import io.yoctopus.runtime.catalogue.RequirementModel;
import io.yoctopus.runtime.catalogue.Route;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Evaluates an endpoint's requirements; each unmet one is named in the error the client gets. */
final class Requirements {

    /** The unmet setting requirements; custom checks are left to {@link #unmetAsync}. */
    List<String> unmet(Route route, Invocation invocation) {
        List<String> unmet = new ArrayList<>(0);
        for (RequirementModel requirement : route.handler().requirements()) {
            if (requirement instanceof RequirementModel.SettingEquals setting
                    && !holds(setting, invocation)) {
                unmet.add(message(requirement));
            }
        }
        return unmet;
    }

    /** Every unmet requirement, custom checks included; a check that fails counts as unmet. */
    CompletableFuture<List<String>> unmetAsync(Route route, Invocation invocation) {
        List<String> unmet = new ArrayList<>(unmet(route, invocation));
        List<CompletableFuture<String>> pending = new ArrayList<>();
        ConnectionSettings readOnly = invocation.readOnly();
        int next = 0;
        for (RequirementModel requirement : route.handler().requirements()) {
            if (requirement instanceof RequirementModel.Custom) {
                RequirementCheck check = (RequirementCheck) route.checks().get(next++);
                pending.add(test(check, readOnly, invocation).thenApply(ok -> ok ? null : message(requirement)));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(all -> {
            pending.stream().map(CompletableFuture::join).filter(Objects::nonNull).forEach(unmet::add);
            return unmet;
        });
    }

    private static CompletableFuture<Boolean> test(RequirementCheck check, ConnectionSettings settings, Invocation invocation) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        try {
            CompletionStage<Boolean> answer = check.test(settings, invocation.connectionId());
            answer.whenComplete((ok, failure) -> result.complete(failure == null && Boolean.TRUE.equals(ok)));
        } catch (RuntimeException failure) {
            result.complete(false);
        }
        return result;
    }

    private static boolean holds(RequirementModel.SettingEquals requirement, Invocation invocation) {
        JsonValue actual = invocation.raw(requirement.plugin(), requirement.key()).orElse(null);
        JsonValue expected = requirement.expected();
        if (actual instanceof JsonNumber number && expected instanceof JsonNumber wanted) {
            return number.bigDecimalValue().compareTo(wanted.bigDecimalValue()) == 0;
        }
        return expected.equals(actual);
    }

    private static String message(RequirementModel requirement) {
        return "requirement not met: " + requirement.description();
    }
}
