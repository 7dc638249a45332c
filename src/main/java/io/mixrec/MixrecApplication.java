package io.mixrec;

import java.util.OptionalInt;

import io.mixrec.cli.MixrecCli;
import io.mixrec.cli.MixrecCli.Launch;
import io.mixrec.cli.VectorRelaunch;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the mixrec service; a first argument naming a CLI command
 * ({@code evaluate}, {@code fit}, {@code generate}) runs that command instead, without
 * starting Spring. {@code --help} prints the usage of every command, and a wrong command
 * line exits with code 2 instead of starting the service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MixrecApplication {

	public static void main(String[] args) {
		Launch launch = MixrecCli.launch(args, System.out, System.err);
		if (launch.action() == MixrecCli.Action.EXIT) {
			System.exit(launch.exitCode());
		}
		OptionalInt relaunched = VectorRelaunch.relaunchIfNeeded();
		if (relaunched.isPresent()) {
			System.exit(relaunched.getAsInt());
		}
		if (launch.action() == MixrecCli.Action.COMMAND) {
			System.exit(MixrecCli.run(launch.args(), System.out, System.err));
		}
		SpringApplication.run(MixrecApplication.class, launch.args());
	}

}
