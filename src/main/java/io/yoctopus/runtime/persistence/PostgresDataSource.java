package io.yoctopus.runtime.persistence;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The PostgreSQL data source of the WAR, {@value #JNDI_NAME}; its JDBC driver is in {@code WEB-INF/lib}. It
 * is used only when the persistence unit is pointed at it ({@code YOCTOPUS_DATASOURCE=java:app/jdbc/postgres},
 * see {@code META-INF/persistence.xml}); until then no connection is made.
 *
 * <p>MicroProfile Config (or the environment: {@code YOCTOPUS_DATASOURCE_POSTGRES_URL}, ...):
 * {@code yoctopus.datasource.postgres.url} (default {@code jdbc:postgresql://localhost:5432/yoctopus}),
 * {@code .user} and {@code .password} (default {@code yoctopus}). The values are read when the WAR is
 * deployed, through Payara's {@code ${MPCONFIG=key:default}} substitution, so they come from system
 * properties, the environment or the server's config sources, not from the WAR's own
 * {@code microprofile-config.properties}.
 */
@DataSourceDefinition(
        name = PostgresDataSource.JNDI_NAME,
        className = "org.postgresql.ds.PGSimpleDataSource",
        url = "${MPCONFIG=yoctopus.datasource.postgres.url:jdbc:postgresql://localhost:5432/yoctopus}",
        user = "${MPCONFIG=yoctopus.datasource.postgres.user:yoctopus}",
        password = "${MPCONFIG=yoctopus.datasource.postgres.password:yoctopus}")
@ApplicationScoped
public class PostgresDataSource {

    /** The JNDI name to give {@code yoctopus.datasource} to use PostgreSQL. */
    public static final String JNDI_NAME = "java:app/jdbc/postgres";
}
