/**
 * Checks of the deployment files (compose, container image).
 */
@NullMarked
package io.mixrec.deploy;

import org.jspecify.annotations.NullMarked;
