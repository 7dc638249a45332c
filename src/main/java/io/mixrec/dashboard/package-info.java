/**
 * The operator dashboard: the page at {@code /dashboard} (static files in the jar, open
 * to everyone, holding no data). Every figure the page shows comes from the admin-keyed
 * JSON API of the features it shows (the ratings traffic is the ratings feature's).
 */
@NullMarked
package io.mixrec.dashboard;

import org.jspecify.annotations.NullMarked;
