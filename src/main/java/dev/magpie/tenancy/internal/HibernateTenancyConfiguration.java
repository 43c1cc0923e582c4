package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.TenantContext;
import org.hibernate.cfg.MultiTenancySettings;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes Hibernate scope every entity that has a {@code @TenantId} to the current account, so that a
 * query that forgets its {@code WHERE account_id = ?} still sees only the current account's rows.
 */
@Configuration(proxyBeanMethods = false)
class HibernateTenancyConfiguration {

    @Bean
    HibernatePropertiesCustomizer tenantIdentifierResolver() {
        CurrentTenantIdentifierResolver<String> resolver = new CurrentTenantIdentifierResolver<>() {

            @Override
            public String resolveCurrentTenantIdentifier() {
                return TenantContext.hibernateTenant();
            }

            @Override
            public boolean validateExistingCurrentSessions() {
                return true;
            }

            @Override
            public boolean isRoot(String tenantId) {
                return TenantContext.ROOT.equals(tenantId);
            }
        };
        return properties -> properties.put(MultiTenancySettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
    }
}
