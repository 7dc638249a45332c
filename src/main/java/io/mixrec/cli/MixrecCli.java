package io.mixrec.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Entry point of the command-line tools, dispatched from the application's {@code main}
 * before Spring starts. {@link #run} returns the exit code instead of exiting so that
 * tests can call it: 0 success, 1 unusable input or failure, 2 wrong command line.
 */
public final class MixrecCli {

	private static final String USAGE = """
			usage: java -jar mixrec.jar <command> [options]
			commands:
			  evaluate   fit on a training file, compare with baselines on a test file
			  fit        fit a model to a rating file and report speed and memory
			  generate   write a planted-mixture rating set for tests and benchmarks
			Run a command with --help for its options. Without a command the web service starts.
			""";

	private static final Set<String> COMMANDS = Set.of(EvaluateCommand.NAME, FitCommand.NAME, GenerateCommand.NAME,
			"help");

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
	 * Runs a command.
	 * @param args the program arguments, the command first
	 * @param out standard output: results
	 * @param err standard error: messages and, with json output, progress
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || !isCommand(args[0]) || args[0].equals("help")) {
			(args.length == 0 || !isCommand(args[0]) ? err : out).print(USAGE);
			return (args.length > 0 && args[0].equals("help")) ? 0 : 2;
		}
		String command = args[0];
		List<String> rest = Arrays.asList(args).subList(1, args.length);
		try {
			CommandLine line = CommandLine.parse(command, rest, optionNames(command));
			if (line.help()) {
				out.print(usage(command));
				return 0;
			}
			return switch (command) {
				case EvaluateCommand.NAME -> EvaluateCommand.run(line, out);
				case FitCommand.NAME -> FitCommand.run(line, out, err);
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

}
