package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.ConnectionId;
import io.yoctopus.api.ConnectionSettings;
import io.yoctopus.api.Handles;
import io.yoctopus.api.HandlesBinary;
import io.yoctopus.api.Multicast;
import io.yoctopus.api.Notifier;
import io.yoctopus.api.Plugin;
import io.yoctopus.api.PluginLog;
import io.yoctopus.api.Request;
import io.yoctopus.api.Requires;
import io.yoctopus.api.Setting;
import io.yoctopus.runtime.format.Format;
import io.yoctopus.runtime.format.FormatCompiler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import jakarta.validation.Constraint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads plugin classes into {@link PluginModel}s at deployment, recording every declaration problem
 * (each naming the class and member) instead of stopping at the first.
 */
public final class PluginAnalyzer {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Map<Class<?>, ParameterKind> CONTEXT_TYPES = Map.of(
            Request.class, ParameterKind.REQUEST,
            ConnectionSettings.class, ParameterKind.SETTINGS,
            Notifier.class, ParameterKind.NOTIFIER,
            PluginLog.class, ParameterKind.LOG,
            Multicast.class, ParameterKind.MULTICAST,
            JsonValue.class, ParameterKind.RAW_DATA);

    private final DeploymentProblems problems;
    private final RequirementResolver requirements;

    public PluginAnalyzer(DeploymentProblems problems, RequirementResolver requirements) {
        this.problems = problems;
        this.requirements = requirements;
    }

    /**
     * Analyses all plugins together: names must be unique and requirements may name any plugin's settings.
     *
     * @param plugins plugin classes with the CDI scope their beans have
     */
    public List<PluginModel> analyze(Map<Class<?>, Class<? extends Annotation>> plugins) {
        Map<String, Class<?>> byName = new HashMap<>();
        List<PluginModel> models = new ArrayList<>();
        for (Map.Entry<Class<?>, Class<? extends Annotation>> plugin : plugins.entrySet()) {
            Class<?> type = plugin.getKey();
            String name = type.getAnnotation(Plugin.class).value();
            if (plugin.getValue() != ApplicationScoped.class) {
                problems.add("plugin '" + name + "' (" + type.getName() + ") must be application-scoped, not @"
                        + plugin.getValue().getSimpleName() + " (@Plugin alone makes it @ApplicationScoped)");
            }
            if (!NAME.matcher(name).matches()) {
                problems.add("plugin '" + name + "' (" + type.getName()
                        + "): a plugin name is letters, digits, '-' and '_' only");
            }
            Class<?> other = byName.putIfAbsent(name, type);
            if (other != null) {
                problems.add("plugin name '" + name + "' is used by both " + other.getName() + " and " + type.getName());
            }
            models.add(new PluginModel(name, type, settingsOf(name, type), List.of(), Optional.empty()));
        }
        requirements.knowSettings(models);
        List<PluginModel> complete = new ArrayList<>();
        for (PluginModel model : models) {
            complete.add(new PluginModel(model.name(), model.type(), model.settings(), handlersOf(model),
                    binaryHandlerOf(model)));
        }
        return List.copyOf(complete);
    }

    private Map<String, SettingType> settingsOf(String plugin, Class<?> type) {
        Map<String, SettingType> settings = new LinkedHashMap<>();
        for (Setting setting : type.getAnnotationsByType(Setting.class)) {
            String where = "plugin '" + plugin + "' (" + type.getName() + ") setting '" + setting.name() + "'";
            if (setting.name().isBlank()) {
                problems.add(where + ": the name is empty");
            }
            SettingType settingType = SettingType.of(setting.type()).orElse(null);
            if (settingType == null) {
                problems.add(where + ": unknown setting type " + setting.type().getName()
                        + " (use String, Number, Boolean, List or Map)");
            }
            if (settings.containsKey(setting.name())) {
                problems.add(where + ": declared twice");
            }
            settings.put(setting.name(), settingType == null ? SettingType.OBJECT : settingType);
        }
        return Map.copyOf(settings);
    }

    private List<HandlerModel> handlersOf(PluginModel plugin) {
        Map<String, Method> seen = new HashMap<>();
        List<HandlerModel> handlers = new ArrayList<>();
        for (Class<?> c = plugin.type(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                Handles handles = method.getAnnotation(Handles.class);
                if (handles == null) {
                    continue;
                }
                String where = "plugin '" + plugin.name() + "' handler " + HandlerModel.describe(method);
                checkHandlerNames(handles, where);
                Method twin = seen.putIfAbsent(handles.endpoint() + "\u0000" + handles.method(), method);
                if (twin != null) {
                    problems.add("plugin '" + plugin.name() + "': endpoint '" + handles.endpoint() + "' method '"
                            + handles.method() + "' is handled twice, by " + HandlerModel.describe(twin) + " and "
                            + HandlerModel.describe(method));
                }
                int modifiers = method.getModifiers();
                if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
                    problems.add(where + ": a handler must be a public instance method");
                }
                handlers.add(handlerOf(plugin, handles, method, where));
            }
        }
        return List.copyOf(handlers);
    }

    private Optional<HandlerModel> binaryHandlerOf(PluginModel plugin) {
        List<HandlerModel> found = new ArrayList<>();
        for (Class<?> c = plugin.type(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.isAnnotationPresent(HandlesBinary.class)) {
                    found.add(binaryHandlerOf(plugin, method));
                }
            }
        }
        if (found.size() > 1) {
            problems.add("plugin '" + plugin.name() + "' has " + found.size() + " @HandlesBinary methods: "
                    + String.join(", ", found.stream().map(HandlerModel::describe).toList()) + "; at most one");
        }
        return found.stream().findFirst();
    }

    private HandlerModel binaryHandlerOf(PluginModel plugin, Method method) {
        String where = "plugin '" + plugin.name() + "' binary handler " + HandlerModel.describe(method);
        if (method.isAnnotationPresent(Handles.class)) {
            problems.add(where + ": a method is either @Handles or @HandlesBinary");
        }
        int modifiers = method.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers)) {
            problems.add(where + ": a handler must be a public instance method");
        }
        List<ParameterKind> kinds = new ArrayList<>();
        for (Parameter parameter : method.getParameters()) {
            Class<?> type = parameter.getType();
            ParameterKind kind = type == byte[].class || type == ByteBuffer.class ? ParameterKind.BINARY : kindOf(parameter, where);
            if (kind == ParameterKind.DATA || kind == ParameterKind.RAW_DATA || kind == ParameterKind.REQUEST) {
                problems.add(where + ": parameter '" + parameter.getName() + "' of type " + type.getSimpleName()
                        + " is not available to a binary handler (take byte[] or ByteBuffer)");
            }
            kinds.add(kind);
        }
        if (kinds.stream().filter(ParameterKind.BINARY::equals).count() != 1) {
            problems.add(where + ": a binary handler takes exactly one byte[] or ByteBuffer parameter");
        }
        List<RequirementModel> required = new ArrayList<>();
        for (Requires requires : method.getAnnotationsByType(Requires.class)) {
            requirements.resolve(requires, where).ifPresent(required::add);
        }
        return new HandlerModel(null, null, method, List.copyOf(kinds), null, null, List.copyOf(required));
    }

    private void checkHandlerNames(Handles handles, String where) {
        if (handles.endpoint().isBlank() || handles.endpoint().contains(":")) {
            problems.add(where + ": endpoint '" + handles.endpoint() + "' must be non-empty and without ':'");
        }
        if (handles.method().isBlank()) {
            problems.add(where + ": the method is empty");
        }
    }

    private HandlerModel handlerOf(PluginModel plugin, Handles handles, Method method, String where) {
        List<ParameterKind> kinds = new ArrayList<>();
        Format format = null;
        Type dataType = null;
        for (Parameter parameter : method.getParameters()) {
            ParameterKind kind = kindOf(parameter, where);
            if (kind == ParameterKind.DATA || kind == ParameterKind.RAW_DATA) {
                if (kinds.contains(ParameterKind.DATA) || kinds.contains(ParameterKind.RAW_DATA)) {
                    problems.add(where + ": parameter '" + parameter.getName()
                            + "' is a second request-data parameter; a handler takes at most one");
                }
            }
            if (kind == ParameterKind.DATA) {
                dataType = parameter.getParameterizedType();
                format = FormatCompiler.compile(dataType, where + " parameter '" + parameter.getName() + "'", problems);
            }
            kinds.add(kind);
        }
        List<RequirementModel> required = new ArrayList<>();
        for (Requires requires : method.getAnnotationsByType(Requires.class)) {
            requirements.resolve(requires, where).ifPresent(required::add);
        }
        return new HandlerModel(handles.endpoint(), handles.method(), method, List.copyOf(kinds), format, dataType,
                List.copyOf(required));
    }

    private ParameterKind kindOf(Parameter parameter, String where) {
        if (parameter.isAnnotationPresent(ConnectionId.class)) {
            if (parameter.getType() != String.class) {
                problems.add(where + ": @ConnectionId parameter '" + parameter.getName() + "' must be a String");
            }
            return ParameterKind.CONNECTION_ID;
        }
        for (Annotation annotation : parameter.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(Constraint.class)) {
                problems.add(where + ": parameter '" + parameter.getName() + "' has constraint @"
                        + annotation.annotationType().getSimpleName()
                        + "; constraints go on the components of a request record");
            }
        }
        return CONTEXT_TYPES.getOrDefault(parameter.getType(), ParameterKind.DATA);
    }
}
