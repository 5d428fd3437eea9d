package dev.wharf.platform.components;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ComponentsConfiguration {

    /** Until precompilation lands, a validated component is ready as soon as it is stored. */
    @Bean
    @ConditionalOnMissingBean
    ComponentCompiler componentCompiler() {
        return (digest, bytes, parsed) -> { };
    }
}
