package io.yoctopus.runtime.catalogue;

import io.yoctopus.api.Plugin;
import io.yoctopus.runtime.json.JsonCodec;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessManagedBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Finds plugin beans at deployment, in the application and in every bean archive it contains, and
 * analyses them together. Any declaration problem fails the deployment with one message listing all.
 */
public class PluginExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(PluginExtension.class.getName());

    private final Map<Class<?>, Class<? extends Annotation>> plugins = new LinkedHashMap<>();
    private CatalogueModel model;

    <T> void skipDisabled(@Observes @WithAnnotations(Plugin.class) ProcessAnnotatedType<T> type) {
        Plugin plugin = type.getAnnotatedType().getAnnotation(Plugin.class);
        if (plugin != null && !plugin.enabledBy().isEmpty()
                && !config().getOptionalValue(plugin.enabledBy(), Boolean.class).orElse(false)) {
            LOG.info(() -> "plugin '" + plugin.value() + "' is off (" + plugin.enabledBy() + " is not true)");
            type.veto();
        }
    }

    <T> void collect(@Observes ProcessManagedBean<T> bean) {
        Class<T> type = bean.getAnnotatedBeanClass().getJavaClass();
        if (type.isAnnotationPresent(Plugin.class)) {
            plugins.put(type, bean.getBean().getScope());
        }
    }

    void analyze(@Observes AfterDeploymentValidation validation, BeanManager beans) {
        DeploymentProblems problems = new DeploymentProblems();
        Config config = config();
        try (JsonCodec json = new JsonCodec()) {
            model = CatalogueAnalysis.analyze(plugins,
                    (plugin, endpoint) -> config.getOptionalValue(CatalogueAnalysis.aliasKey(plugin, endpoint), String.class),
                    json, problems);
        }
        for (PluginModel plugin : model.plugins()) {
            for (HandlerModel handler : plugin.handlers()) {
                handler.requirements().stream()
                        .filter(RequirementModel.Custom.class::isInstance)
                        .map(requirement -> ((RequirementModel.Custom) requirement).type())
                        .filter(check -> beans.getBeans(check, Any.Literal.INSTANCE).isEmpty())
                        .forEach(check -> problems.add("plugin '" + plugin.name() + "' handler " + handler.describe()
                                + ": requirement check " + check.getName() + " is not a CDI bean"));
            }
        }
        if (problems.isEmpty()) {
            LOG.info(() -> "Yoctopus plugins: " + String.join(", ", model.plugins().stream().map(PluginModel::name).toList()));
        } else {
            validation.addDeploymentProblem(problems.asException());
        }
    }

    /** What the analysis found; available once the deployment is valid. */
    public CatalogueModel model() {
        if (model == null) {
            throw new IllegalStateException("the plugin catalogue is built after deployment validation");
        }
        return model;
    }

    private static Config config() {
        return ConfigProvider.getConfig(Thread.currentThread().getContextClassLoader());
    }
}
