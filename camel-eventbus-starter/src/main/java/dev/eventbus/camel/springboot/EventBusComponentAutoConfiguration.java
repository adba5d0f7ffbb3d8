package dev.eventbus.camel.springboot;

import dev.eventbus.camel.EventBusComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Applies {@code camel.component.eventbus.*} to the eventbus component when Camel creates it, through a
 * {@link ComponentCustomizer} (the pattern of Camel's generated starters, e.g. camel-kafka-starter 4.17.0). Switch it
 * off with {@code camel.component.eventbus.enabled=false} or {@code camel.component.eventbus.customizer.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ComponentConfigurationProperties.class, EventBusComponentConfiguration.class})
@ConditionalOnHierarchicalProperties({"camel.component", "camel.component.eventbus"})
@AutoConfigureAfter({CamelAutoConfiguration.class, EventBusComponentConverter.class})
public class EventBusComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final EventBusComponentConfiguration configuration;

    public EventBusComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
            EventBusComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    /** Copies every set property onto the eventbus component (through its generated configurer). */
    @Lazy
    @Bean
    public ComponentCustomizer configureEventBusComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.eventbus.customizer")
                        && target instanceof EventBusComponent;
            }
        };
    }
}
