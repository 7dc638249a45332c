/**
 * Cross-cutting HTTP concerns only: RFC 9457 problem details for every error (from
 * controllers, from the servlet container's error page and from security) and the stable
 * problem type URIs that clients can rely on. Features throw named
 * {@link io.mixrec.web.DomainException}s, which the advice maps to a status and type;
 * they do not write error responses themselves.
 */
@NullMarked
package io.mixrec.web;

import org.jspecify.annotations.NullMarked;
