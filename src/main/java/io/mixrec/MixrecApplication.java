package io.mixrec;

import io.mixrec.cli.MixrecCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the mixrec service; a first argument naming a CLI command
 * ({@code evaluate}, {@code fit}, {@code generate}) runs that command instead, without
 * starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MixrecApplication {

	public static void main(String[] args) {
		if (args.length > 0 && MixrecCli.isCommand(args[0])) {
			System.exit(MixrecCli.run(args, System.out, System.err));
		}
		SpringApplication.run(MixrecApplication.class, args);
	}

}
