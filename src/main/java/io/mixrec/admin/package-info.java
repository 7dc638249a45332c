/**
 * The admin API: trigger, follow and cancel refits; list, inspect and activate model
 * versions. Everything here needs the admin key.
 */
@NullMarked
package io.mixrec.admin;

import org.jspecify.annotations.NullMarked;
