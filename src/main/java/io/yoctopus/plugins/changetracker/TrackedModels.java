package io.yoctopus.plugins.changetracker;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The tracked models of the application's persistence unit, found once in its metamodel: every entity
 * whose {@code @EntityListeners} include {@link ChangeListener} (and whose {@link Tracked#enabledBy()} switch,
 * if any, is on), with its public fields. A problem in any of them (an unknown field, an association, a
 * {@code @Tracked} entity without the listener) fails the deployment, every problem named at once.
 */
@ApplicationScoped
public class TrackedModels {

    /** The name of the application's persistence unit ({@code META-INF/persistence.xml}). */
    public static final String PERSISTENCE_UNIT = "yoctopus";

    /** MicroProfile Config: {@code yoctopus.changetracker.public-fields.<Model>=id,title,...} */
    public static final String PUBLIC_FIELDS = "yoctopus.changetracker.public-fields.";

    private static final Logger LOG = Logger.getLogger(TrackedModels.class.getName());

    /** One tracked model. */
    record Model(String name, Class<?> type, PublicFields fields, boolean autoSubscribe) {
    }

    @PersistenceUnit(unitName = PERSISTENCE_UNIT)
    EntityManagerFactory entityManagerFactory;

    private Function<Object, Object> ids;
    private Map<String, Model> byName = Map.of();
    private Map<Class<?>, Model> byType = Map.of();
    private Set<String> switchedOff = Set.of();

    @PostConstruct
    void discover() {
        PersistenceUnitUtil units = entityManagerFactory.getPersistenceUnitUtil();
        ids = units::getIdentifier;
        Config config = ConfigProvider.getConfig();
        Map<String, Model> names = new LinkedHashMap<>();
        Map<Class<?>, Model> types = new LinkedHashMap<>();
        Set<String> off = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (EntityType<?> entity : entityManagerFactory.getMetamodel().getEntities()) {
            Class<?> type = entity.getJavaType();
            Tracked tracked = type.getAnnotation(Tracked.class);
            if (!hasChangeListener(type)) {
                if (tracked != null) {
                    problems.add(type.getName() + " is annotated @Tracked but its @EntityListeners do not include "
                            + ChangeListener.class.getName());
                }
                continue;
            }
            String name = entity.getName();
            if (tracked != null && !tracked.enabledBy().isEmpty()
                    && !config.getOptionalValue(tracked.enabledBy(), Boolean.class).orElse(false)) {
                off.add(name);
                continue;
            }
            List<String> fields = config.getOptionalValue(PUBLIC_FIELDS + name, String.class)
                    .map(TrackedModels::list)
                    .orElseGet(() -> tracked != null && tracked.publicFields().length > 0
                            ? List.of(tracked.publicFields())
                            : idAttributes(entity));
            List<String> fieldProblems = checkAttributes(entity, fields);
            if (!fieldProblems.isEmpty()) {
                problems.add(type.getName() + " (model " + name + "): " + String.join("; ", fieldProblems));
                continue;
            }
            try {
                Model model = new Model(name, type, PublicFields.of(type, fields), tracked != null && tracked.autoSubscribe());
                names.put(name, model);
                types.put(type, model);
            } catch (IllegalArgumentException problem) {
                problems.add(problem.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("change tracking: " + String.join("\n", problems));
        }
        byName = Collections.unmodifiableMap(names);
        byType = Collections.unmodifiableMap(types);
        switchedOff = Collections.unmodifiableSet(off);
        names.values().forEach(model -> LOG.info(() -> "change tracking: model " + model.name() + " ("
                + model.type().getName() + "), public fields " + model.fields().names()));
    }

    /** A tracked model by name. */
    Optional<Model> model(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The tracked model of an entity (or of its nearest tracked superclass). */
    Optional<Model> of(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Model model = byType.get(c);
            if (model != null) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    Set<String> names() {
        return byName.keySet();
    }

    /** Models that carry the listener but whose {@link Tracked#enabledBy()} switch is off. */
    Set<String> switchedOff() {
        return switchedOff;
    }

    Object id(Object entity) {
        return ids.apply(entity);
    }

    /** A comma-separated configuration list. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static boolean hasChangeListener(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            EntityListeners listeners = c.getAnnotation(EntityListeners.class);
            if (listeners != null && Arrays.stream(listeners.value()).anyMatch(ChangeListener.class::isAssignableFrom)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> idAttributes(EntityType<?> entity) {
        if (entity.hasSingleIdAttribute()) {
            return List.of(entity.getId(entity.getIdType().getJavaType()).getName());
        }
        // not getIdClassAttributes(): EclipseLink 4 (Payara's JPA provider) throws there for an @IdClass entity
        return entity.getSingularAttributes().stream().filter(SingularAttribute::isId).map(Attribute::getName).sorted()
                .toList();
    }

    /** Public fields must be basic persistent attributes: never an association, a collection or an embeddable. */
    private static List<String> checkAttributes(EntityType<?> entity, List<String> fields) {
        List<String> problems = new ArrayList<>();
        for (String field : fields) {
            Attribute<?, ?> attribute;
            try {
                attribute = entity.getAttribute(field);
            } catch (IllegalArgumentException unknown) {
                problems.add("public field '" + field + "' is not a persistent attribute");
                continue;
            }
            if (attribute.isAssociation() || attribute.isCollection()
                    || attribute.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC
                    || !(attribute instanceof SingularAttribute<?, ?>)) {
                problems.add("public field '" + field + "' is " + attribute.getPersistentAttributeType()
                        + "; only basic attributes can be public");
            }
        }
        return problems;
    }
}
