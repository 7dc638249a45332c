package io.mixrec.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The options of one command: picocli parses them ({@code --name value} or
 * {@code --name=value}, {@code --help}), this class checks their values. Anything picocli
 * rejects (unknown names, positional words, repeats, a missing value) and any bad value
 * is a {@link UsageException} whose message names the option.
 */
final class CommandOptions {

	private static final List<String> HELP = List.of("--help", "-h");

	private final String command;

	private final Map<String, String> values = new HashMap<>();

	private final boolean help;

	private CommandOptions(String command, boolean help) {
		this.command = command;
		this.help = help;
	}

	/**
	 * @param command the command name, for messages
	 * @param args the arguments after the command name
	 * @param known names (without dashes) of the options the command accepts
	 * @return the parsed options
	 */
	static CommandOptions parse(String command, List<String> args, Set<String> known) {
		// help wins over anything else on the line, as the usage explains the rest
		if (args.stream().anyMatch(HELP::contains)) {
			return new CommandOptions(command, true);
		}
		CommandSpec spec = CommandSpec.create().name(command);
		for (String name : known) {
			spec.addOption(OptionSpec.builder("--" + name).type(String.class).arity("1").paramLabel("VALUE").build());
		}
		CommandOptions options = new CommandOptions(command, false);
		try {
			ParseResult parsed = new CommandLine(spec).setOverwrittenOptionsAllowed(false)
				.setExpandAtFiles(false)
				.parseArgs(args.toArray(String[]::new));
			for (OptionSpec option : parsed.matchedOptions()) {
				options.values.put(option.longestName().substring(2), option.getValue());
			}
		}
		catch (UnmatchedArgumentException ex) {
			String arg = ex.getUnmatched().isEmpty() ? "?" : ex.getUnmatched().get(0);
			if (arg.startsWith("--") && arg.length() > 2) {
				int equals = arg.indexOf('=');
				throw new UsageException(
						"unknown option " + ((equals >= 0) ? arg.substring(0, equals) : arg) + " for " + command);
			}
			throw new UsageException("unexpected argument '" + arg + "' for " + command);
		}
		catch (MissingParameterException ex) {
			throw new UsageException("option " + names(ex.getMissing()) + " needs a value");
		}
		catch (OverwrittenOptionException ex) {
			throw new UsageException("option " + ((OptionSpec) ex.getOverwritten()).longestName() + " given twice");
		}
		catch (ParameterException ex) {
			throw new UsageException(ex.getMessage());
		}
		return options;
	}

	private static String names(List<ArgSpec> specs) {
		return specs.stream()
			.map((spec) -> (spec instanceof OptionSpec option) ? option.longestName() : spec.paramLabel())
			.reduce((a, b) -> a + ", " + b)
			.orElse("?");
	}

	boolean help() {
		return this.help;
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

	String required(String name) {
		String value = this.values.get(name);
		if (value == null || value.isBlank()) {
			throw new UsageException(this.command + " needs --" + name);
		}
		return value;
	}

	int intValue(String name, int fallback, int min) {
		return (int) longValue(name, fallback, min, Integer.MAX_VALUE);
	}

	int requiredInt(String name, int min) {
		required(name);
		return intValue(name, 0, min);
	}

	long longValue(String name, long fallback, long min, long max) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			long parsed = Long.parseLong(value.replace("_", ""));
			if (parsed >= min && parsed <= max) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the range
		}
		throw new UsageException(
				"--" + name + " must be an integer in [" + min + ", " + max + "], was '" + value + "'");
	}

	double doubleValue(String name, double fallback, double min) {
		String value = this.values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			double parsed = Double.parseDouble(value);
			if (parsed >= min && Double.isFinite(parsed)) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the range
		}
		throw new UsageException("--" + name + " must be a number >= " + min + ", was '" + value + "'");
	}

	/**
	 * @return the value, lower-cased, which must be one of {@code choices}
	 */
	String choice(String name, String fallback, String... choices) {
		String value = this.values.getOrDefault(name, fallback).toLowerCase(Locale.ROOT);
		for (String choice : choices) {
			if (choice.equals(value)) {
				return value;
			}
		}
		throw new UsageException(
				"--" + name + " must be one of " + String.join("|", choices) + ", was '" + this.values.get(name) + "'");
	}

}
