package dev.magpie.engines.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.ClassMapper;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.magpie.engines.JobPublisher;
import dev.magpie.engines.JobQueues;
import dev.magpie.engines.JobRetries;
import dev.magpie.engines.MessagingProperties;

/**
 * The RabbitMQ topology every job queue relies on: the jobs exchange, the dead-letter exchange and its queue;
 * and the helpers that declare, publish and retry jobs. Spring AMQP declares it all when it first connects.
 */
@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    private static final Log log = LogFactory.getLog(MessagingConfiguration.class);

    @Bean
    JobQueues jobQueues(MessagingProperties properties) {
        return new JobQueues(properties);
    }

    @Bean
    Declarables jobTopology(JobQueues jobQueues) {
        return jobQueues.topology();
    }

    @Bean
    JobPublisher jobPublisher(RabbitTemplate rabbit, MessagingProperties properties) {
        return new JobPublisher(rabbit, properties);
    }

    @Bean
    JobRetries jobRetries(RabbitTemplate rabbit, JobQueues jobQueues, MessagingProperties properties) {
        return new JobRetries(rabbit, jobQueues, properties);
    }

    // JobPublisher reads returns off each publish's CorrelationData; without a callback every return also logs a
    // warning
    @Bean
    RabbitTemplateCustomizer returnsAreReportedToPublishers() {
        return template -> template.setReturnsCallback(returned -> log.debug("Returned: " + returned));
    }

    // Jobs travel as JSON: readable when an operator inspects a dead letter, and free of Java serialization
    @Bean
    MessageConverter jobMessageConverter(ObjectProvider<JsonMapper> jsonMapper) {
        JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(
                jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
        converter.setClassMapper(new MagpieTypes());
        // A listener's parameter type wins over the type named in the message
        converter.setAlwaysConvertToInferredType(true);
        return converter;
    }

    /**
     * Names a job's class in the message, and turns back into objects only classes of Magpie's own packages, so
     * that a message cannot make the application instantiate an arbitrary class.
     */
    static final class MagpieTypes implements ClassMapper {

        static final String TYPE_HEADER = "__TypeId__";

        @Override
        public void fromClass(Class<?> type, MessageProperties properties) {
            properties.setHeader(TYPE_HEADER, type.getName());
        }

        @Override
        public Class<?> toClass(MessageProperties properties) {
            Object name = properties.getHeader(TYPE_HEADER);
            if (!(name instanceof String type) || !type.startsWith("dev.magpie.")) {
                throw new MessageConversionException("Not a Magpie type: " + name);
            }
            try {
                return ClassUtils.forName(type, MessagingConfiguration.class.getClassLoader());
            }
            catch (ClassNotFoundException | LinkageError e) {
                throw new MessageConversionException("Unknown type " + type, e);
            }
        }
    }
}
