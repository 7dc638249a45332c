package io.mixrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mixrec.em.Kernels;

/**
 * Entry point of the command-line tools, dispatched from the application's {@code main}
 * before Spring starts. {@link #run} returns the exit code instead of exiting so that
 * tests can call it: 0 success, 1 unusable input or failure, 2 wrong command line.
 */
public final class MixrecCli {

	private static final String USAGE = """
			usage: java -jar mixrec.jar [command] [options]
			commands:
			  serve      run the REST service (the default: no command starts it)
			  evaluate   fit on a training file, compare with baselines on a test file
			  fit        fit a model to a rating file and report speed and memory
			  generate   write a planted-mixture rating set for tests and benchmarks
			java -jar mixrec.jar --help shows the options of every command,
			java -jar mixrec.jar <command> --help those of one.
			Exit codes: 0 success, 1 unusable input or failure, 2 wrong command line.
			""";

	static final String SERVE_USAGE = """
			usage: java -jar mixrec.jar [serve] [--<property>=<value> ...]
			Runs the REST service until stopped (SIGTERM or Ctrl-C: graceful shutdown).
			Options are Spring Boot properties, e.g. --server.port=9090 or
			--spring.datasource.url=jdbc:postgresql://db-host:5432/mixrec; each can also be set as an
			environment variable (SERVER_PORT, SPRING_DATASOURCE_URL, ...; see README.md).
			Without spring.datasource.url the service runs an embedded PostgreSQL with its data in
			./mixrec-data (--mixrec.database.embedded.directory=DIR moves it); not as root.
			  --<property>=<value>      set a property (repeatable)
			  --debug, --trace          more logging
			  --help                    this text
			""";

	static final String SERVE = "serve";

	private static final Set<String> COMMANDS = Set.of(EvaluateCommand.NAME, FitCommand.NAME, GenerateCommand.NAME,
			"help");

	private static final Set<String> HELP = Set.of("--help", "-h", "-help", "-?");

	private static final Set<String> SERVE_FLAGS = Set.of("--debug", "--trace");

	/** A Spring property name: letters, digits, dots, dashes, underscores, [index]. */
	private static final Pattern PROPERTY_OPTION = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9._\\-\\[\\]]*=.*",
			Pattern.DOTALL);

	private MixrecCli() {
	}

	/**
	 * @param word the first program argument
	 * @return whether it names a CLI command (rather than starting the service)
	 */
	public static boolean isCommand(String word) {
		return COMMANDS.contains(word);
	}

	/**
	 * Decides what the program's arguments ask for: the service (no command,
	 * {@code serve}, or only {@code --name=value} properties), a command, help, or an
	 * error, printed here. Unknown commands and options never start the service.
	 * @param args the program arguments
	 * @param out standard output
	 * @param err standard error
	 * @return what to do
	 */
	public static Launch launch(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0) {
			return Launch.serve(args);
		}
		String first = args[0];
		if (HELP.contains(first)) {
			out.print(fullUsage());
			return Launch.exit(0);
		}
		if (first.equals(SERVE)) {
			return serve(Arrays.copyOfRange(args, 1, args.length), out, err);
		}
		if (isCommand(first)) {
			return Launch.command(args);
		}
		if (first.startsWith("-")) {
			return serve(args, out, err);
		}
		err.println("mixrec: unknown command '" + first + "'");
		err.println("commands: serve (the default), evaluate, fit, generate; 'java -jar mixrec.jar --help' shows"
				+ " their options");
		return Launch.exit(2);
	}

	private static Launch serve(String[] args, PrintStream out, PrintStream err) {
		for (String arg : args) {
			if (HELP.contains(arg)) {
				out.print(SERVE_USAGE);
				return Launch.exit(0);
			}
		}
		for (String arg : args) {
			if (!SERVE_FLAGS.contains(arg) && !PROPERTY_OPTION.matcher(arg).matches()) {
				String kind = arg.startsWith("-") ? "unknown option" : "unexpected argument";
				err.println("mixrec serve: " + kind + " '" + arg + "': the service takes Spring Boot properties as"
						+ " --name=value (e.g. --server.port=9090), --debug or --trace");
				err.println("run 'java -jar mixrec.jar serve --help' for details");
				return Launch.exit(2);
			}
		}
		return Launch.serve(args);
	}

	/**
	 * @return the usage of the program and of every command
	 */
	static String fullUsage() {
		StringBuilder usage = new StringBuilder(USAGE);
		for (String text : List.of(SERVE_USAGE, EvaluateCommand.USAGE, FitCommand.USAGE, GenerateCommand.USAGE)) {
			usage.append(System.lineSeparator()).append(text);
		}
		return usage.toString();
	}

	/**
	 * Runs a command.
	 * @param args the program arguments, the command first
	 * @param out standard output: results
	 * @param err standard error: messages and, with json output, progress
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || !isCommand(args[0]) || args[0].equals("help")) {
			(args.length == 0 || !isCommand(args[0]) ? err : out).print(fullUsage());
			return (args.length > 0 && args[0].equals("help")) ? 0 : 2;
		}
		String command = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			CommandOptions line = CommandOptions.parse(command, rest, optionNames(command));
			if (line.help()) {
				out.print(usage(command));
				return 0;
			}
			// the command's fits run the kernels this JVM can make fast; each command
			// warms
			// them up on a thread it owns
			Kernels kernels = Kernels.detect();
			if (!command.equals(GenerateCommand.NAME)) {
				err.println("mixrec " + command + ": EM kernels " + kernels.describe());
			}
			return switch (command) {
				case EvaluateCommand.NAME -> EvaluateCommand.run(line, kernels, out);
				case FitCommand.NAME -> FitCommand.run(line, kernels, out, err);
				default -> GenerateCommand.run(line, out);
			};
		}
		catch (UsageException ex) {
			err.println("mixrec " + command + ": " + ex.getMessage());
			err.println("run 'java -jar mixrec.jar " + command + " --help' for the options");
			return 2;
		}
		catch (InputException ex) {
			err.println("mixrec " + command + ": " + ex.getMessage());
			return 1;
		}
		catch (IOException ex) {
			err.println("mixrec " + command + ": cannot read or write a file: " + ex);
			return 1;
		}
		catch (RuntimeException ex) {
			err.println("mixrec " + command + ": failed: " + ex);
			return 1;
		}
	}

	private static Set<String> optionNames(String command) {
		return switch (command) {
			case EvaluateCommand.NAME -> EvaluateCommand.optionNames();
			case FitCommand.NAME -> FitCommand.optionNames();
			default -> GenerateCommand.optionNames();
		};
	}

	private static String usage(String command) {
		return switch (command) {
			case EvaluateCommand.NAME -> EvaluateCommand.USAGE;
			case FitCommand.NAME -> FitCommand.USAGE;
			default -> GenerateCommand.USAGE;
		};
	}

	/**
	 * What {@link #launch} decided.
	 *
	 * @param action what to do
	 * @param args the arguments for the service or the command
	 * @param exitCode the exit code when {@code action} is {@link Action#EXIT}
	 */
	public record Launch(Action action, String[] args, int exitCode) {

		static Launch serve(String[] args) {
			return new Launch(Action.SERVE, args, 0);
		}

		static Launch command(String[] args) {
			return new Launch(Action.COMMAND, args, 0);
		}

		static Launch exit(int code) {
			return new Launch(Action.EXIT, new String[0], code);
		}

	}

	/** The kinds of {@link Launch}. */
	public enum Action {

		/** Start the REST service with the arguments as Spring properties. */
		SERVE,

		/** Run a CLI command ({@link MixrecCli#run}). */
		COMMAND,

		/** Exit at once (help printed, or a wrong command line reported). */
		EXIT

	}

}
