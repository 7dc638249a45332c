package io.mixrec;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the mixrec service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MixrecApplication {

	public static void main(String[] args) {
		SpringApplication.run(MixrecApplication.class, args);
	}

}
