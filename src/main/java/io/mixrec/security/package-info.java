/**
 * API-key security: keys with a role (read, write, admin) from configuration, the
 * {@code X-API-Key} header filter with a constant-time key check, and the request rules
 * that decide which role each endpoint class needs.
 */
@NullMarked
package io.mixrec.security;

import org.jspecify.annotations.NullMarked;
