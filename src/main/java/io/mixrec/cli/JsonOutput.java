package io.mixrec.cli;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one-line JSON objects of {@code --format json}, built as Jackson trees. JSON has no
 * NaN or infinities, so a figure that is not finite (NDCG of a baseline that does not
 * rank) is written as {@code null}: put it through {@link #finite}.
 */
final class JsonOutput {

	private JsonOutput() {
	}

	/**
	 * @return an empty object; its {@code toString()} is the JSON text
	 */
	static ObjectNode object() {
		return JsonNodeFactory.instance.objectNode();
	}

	/**
	 * @param value a figure
	 * @return the figure, or null (JSON {@code null}) when it is NaN or infinite
	 */
	static @Nullable Double finite(double value) {
		return Double.isFinite(value) ? value : null;
	}

}
