package io.mixrec.web;

/**
 * One entry of the {@code errors} member of a {@link ErrorTypes#VALIDATION_FAILED}
 * problem. The rejected value is deliberately not echoed back: it may be large or
 * sensitive, and the client already has it.
 *
 * @param field the invalid field or parameter, as the client named it (e.g.
 * {@code rating}, {@code items[2].id}, {@code limit})
 * @param message why it is invalid (e.g. {@code must not be blank})
 */
public record InvalidField(String field, String message) {

}
