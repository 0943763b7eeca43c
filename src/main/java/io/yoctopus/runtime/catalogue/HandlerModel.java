package io.yoctopus.runtime.catalogue;

import io.yoctopus.runtime.format.Format;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One endpoint method of a plugin, as analysed at deployment; for the binary handler, endpoint and
 * method are {@code null}.
 *
 * @param format the request format, {@code null} when the endpoint declares none
 * @param dataType the Java type the data is bound to, {@code null} without a {@link ParameterKind#DATA} parameter
 */
public record HandlerModel(String endpoint, String method, Method javaMethod, List<ParameterKind> parameters,
        Format format, Type dataType, List<RequirementModel> requirements) {

    /** The handler as named in problem messages: {@code com.example.Greeter.hello(Hello)}. */
    public String describe() {
        return describe(javaMethod);
    }

    static String describe(Method method) {
        StringBuilder text = new StringBuilder(method.getDeclaringClass().getName()).append('.')
                .append(method.getName()).append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }
}
