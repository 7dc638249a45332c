/**
 * mixrec: a REST recommendation service that fits Gaussian mixtures to a partially
 * observed rating matrix with EM. Sub-packages are features; see the README.
 */
@NullMarked
package io.mixrec;

import org.jspecify.annotations.NullMarked;
