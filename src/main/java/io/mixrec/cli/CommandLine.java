package io.mixrec.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command, parsed by hand to keep the CLI free of dependencies. Every
 * option is {@code --name value} or {@code --name=value}; {@code --help} is the only
 * flag. Anything else (unknown names, positional words, repeats, bad values) is a
 * {@link UsageException} whose message names the option.
 */
final class CommandLine {

	private final String command;

	private final Map<String, String> values = new HashMap<>();

	private final boolean help;

	private CommandLine(String command, boolean help) {
		this.command = command;
		this.help = help;
	}

	/**
	 * @param command the command name, for messages
	 * @param args the arguments after the command name
	 * @param known names (without dashes) of the options the command accepts
	 * @return the parsed options
	 */
	static CommandLine parse(String command, List<String> args, Set<String> known) {
		boolean help = args.contains("--help") || args.contains("-h");
		CommandLine line = new CommandLine(command, help);
		for (int k = 0; k < args.size() && !help; k++) {
			String arg = args.get(k);
			if (!arg.startsWith("--") || arg.length() == 2) {
				throw new UsageException("unexpected argument '" + arg + "' for " + command);
			}
			int equals = arg.indexOf('=');
			String name = arg.substring(2, (equals >= 0) ? equals : arg.length());
			if (!known.contains(name)) {
				throw new UsageException("unknown option --" + name + " for " + command);
			}
			String value;
			if (equals >= 0) {
				value = arg.substring(equals + 1);
			}
			else if (k + 1 < args.size() && !args.get(k + 1).startsWith("--")) {
				value = args.get(++k);
			}
			else {
				throw new UsageException("option --" + name + " needs a value");
			}
			if (line.values.put(name, value) != null) {
				throw new UsageException("option --" + name + " given twice");
			}
		}
		return line;
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
