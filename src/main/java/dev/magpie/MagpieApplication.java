package dev.magpie;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Magpie: email and SMS marketing for online stores, as one deployable. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MagpieApplication {

    public static void main(String[] args) {
        SpringApplication.run(MagpieApplication.class, args);
    }
}
