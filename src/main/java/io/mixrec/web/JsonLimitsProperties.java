package io.mixrec.web;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits that every JSON request body meets while it is parsed
 * ({@code mixrec.web.json.*}); see {@link JsonInputConfiguration}. A body past one is
 * answered 400 {@code malformed-request}. The memory a parsed body can take is about 100
 * bytes per token, so the defaults bound it to about 20 MB per request.
 *
 * @param maxTokens the most tokens (each brace, bracket, name and value counts one) in
 * one body; a full batch of 10,000 ratings with four fields each has 100,002
 * @param maxNestingDepth the deepest nesting of objects and arrays
 * @param maxStringLength the longest string value, in characters
 * @param maxNameLength the longest property name, in characters
 */
@ConfigurationProperties("mixrec.web.json")
@Validated
public record JsonLimitsProperties(@DefaultValue("200000") @Min(1000) long maxTokens,
		@DefaultValue("64") @Min(4) int maxNestingDepth, @DefaultValue("65536") @Min(1024) int maxStringLength,
		@DefaultValue("1000") @Min(128) int maxNameLength) {

}
