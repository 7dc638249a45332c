/**
 * The operator dashboard: the page at {@code /dashboard} (static files in the jar, open
 * to everyone, holding no data) and the admin JSON it needs beyond the rest of the API
 * (the ratings traffic). Every figure the page shows comes from the admin-keyed JSON API.
 */
@NullMarked
package io.mixrec.dashboard;

import org.jspecify.annotations.NullMarked;
