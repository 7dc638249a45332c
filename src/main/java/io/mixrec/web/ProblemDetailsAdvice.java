package io.mixrec.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem detail.
 *
 * <p>
 * The base class already maps Spring MVC's own exceptions (unknown path 404, wrong method
 * 405, unsupported media type 415, unreadable body 400, any
 * {@link ErrorResponseException}); this class adds: a stable {@link ErrorTypes type} and
 * the {@code instance} path on every problem, the list of invalid fields for validation
 * failures (a parameter of the wrong type among them), the status and type of each
 * {@link DomainException} kind, the request id ({@link RequestIds}), 503 with
 * {@code Retry-After} when the database is unreachable or every connection is busy
 * ({@link DatabaseFailures}), and a 500 without internals for everything unexpected.
 * Extending {@link ResponseEntityExceptionHandler} also makes Spring Boot's default
 * problem details handler back off, so there is exactly one.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log log = LogFactory.getLog(ProblemDetailsAdvice.class);

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> errors.add(invalidField(error)));
		ex.getBindingResult().getGlobalErrors().forEach((error) -> errors.add(invalidObject(error)));
		return validationFailed(ex, errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors beanErrors) {
				beanErrors.getFieldErrors().forEach((error) -> errors.add(invalidField(error)));
				beanErrors.getGlobalErrors().forEach((error) -> errors.add(invalidObject(error)));
			}
			else {
				String name = parameterName(result);
				result.getResolvableErrors().forEach((error) -> errors.add(new InvalidField(name, message(error))));
			}
		}
		return validationFailed(ex, errors, headers, request);
	}

	/**
	 * A path variable or query parameter that is not of its type ({@code ?limit=ten}): a
	 * validation failure naming it, like every other bad parameter.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		return validationFailed(ex, List.of(InvalidField.notOfType((name != null) ? name : "", ex.getRequiredType())),
				headers, request);
	}

	/**
	 * A body that cannot be read: says what is wrong with JSON (a limit, a duplicate
	 * property, a value of the wrong type) instead of Spring's generic "Failed to read
	 * request". Jackson's own message, without the location, which quotes the source.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadableDetail(ex));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static String unreadableDetail(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json && json.getOriginalMessage() != null) {
				String message = json.getOriginalMessage();
				return "The JSON body is invalid: "
						+ ((message.length() > 300) ? message.substring(0, 300) + "..." : message);
			}
		}
		return "The request body cannot be read.";
	}

	/**
	 * Bean Validation failures raised outside argument binding, e.g. by a
	 * {@code @Validated} service method: a 400 as well, since their input came from the
	 * request.
	 * @param ex the violations
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	@Nullable ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
		List<InvalidField> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new InvalidField(leafName(violation), violation.getMessage()))
			.toList();
		return validationFailed(ex, errors, new HttpHeaders(), request);
	}

	/**
	 * A query string (or form body) Tomcat cannot parse, such as {@code ?=x} or
	 * {@code ?a=%zz}: Tomcat throws when a parameter is first read, which is inside
	 * argument binding, so without this it would surface as a 500.
	 * @param ex the parse failure
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler(InvalidParameterException.class)
	@Nullable ResponseEntity<Object> handleInvalidParameters(InvalidParameterException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The query string or form parameters cannot be parsed.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * What feature or persistence code reported in its own terms: the kind chooses the
	 * status and type, the exception its detail and extension members.
	 * @param ex the failure
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler(DomainException.class)
	@Nullable ResponseEntity<Object> handleDomain(DomainException ex, WebRequest request) {
		HttpStatus status = ex.kind().status();
		URI type = ex.type();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.detail());
		problem.setType((type != null) ? type : ex.kind().type());
		problem.setTitle(ex.title());
		ex.members().forEach(problem::setProperty);
		HttpHeaders headers = new HttpHeaders();
		if (ex.kind() == DomainException.Kind.UNAVAILABLE) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()));
		}
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * The database is down or the pool is exhausted: tell the client to retry (503 with
	 * {@code Retry-After}) instead of reporting a bug.
	 * @param ex the failure
	 * @param request the current request
	 * @return the problem response
	 */
	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	@Nullable ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
		DatabaseFailures.Kind kind = DatabaseFailures.classify(ex);
		return databaseUnavailable(ex, (kind != null) ? kind : DatabaseFailures.Kind.UNAVAILABLE, request);
	}

	/**
	 * Anything unexpected: a 500 whose body reveals nothing about the server (no message,
	 * no stack trace); the full exception goes to the log.
	 * @param ex the failure
	 * @param request the current request
	 * @return the problem response
	 * @throws Exception security exceptions, rethrown so that Spring Security's exception
	 * translation answers them with 401/403
	 */
	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) throws Exception {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException) {
			throw ex;
		}
		DatabaseFailures.Kind kind = DatabaseFailures.classify(ex);
		if (kind != null) {
			// a driver or pool failure wrapped in something Spring did not translate
			return databaseUnavailable(ex, kind, request);
		}
		log.error("Unexpected error while handling " + describe(request), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"An unexpected error occurred. It has been logged on the server.");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
	}

	private @Nullable ResponseEntity<Object> databaseUnavailable(Exception ex, DatabaseFailures.Kind kind,
			WebRequest request) {
		log.warn("Database unavailable while handling " + describe(request) + ": " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, kind.detail());
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(kind.retryAfterSeconds()));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (status.is5xxServerError()) {
			log.error("Server error while handling " + describe(request), ex);
		}
		return super.handleErrorResponseException(ex, headers, status, request);
	}

	/**
	 * Every problem passes through here: fill in the generic type for the status when the
	 * code that failed did not choose one, and the request path as {@code instance}.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(ErrorTypes.forStatus(statusCode));
			}
			if (problem.getInstance() == null) {
				problem.setInstance(ProblemDetailsWriter.instanceUri(path(request)));
			}
			String requestId = RequestIds.current();
			if (requestId != null
					&& (problem.getProperties() == null || !problem.getProperties().containsKey("requestId"))) {
				problem.setProperty("requestId", requestId);
			}
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private @Nullable ResponseEntity<Object> validationFailed(Exception ex, List<InvalidField> unsorted,
			HttpHeaders headers, WebRequest request) {
		// Validators report in no particular order; clients and tests get a stable one.
		List<InvalidField> errors = unsorted.stream().sorted(InvalidField.PROBLEM_ORDER).toList();
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				invalidFieldsDetail(errors.size()));
		problem.setType(ErrorTypes.VALIDATION_FAILED);
		problem.setTitle("Validation failed");
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	static String invalidFieldsDetail(int count) {
		return "The request has " + count + " invalid field" + ((count != 1) ? "s" : "") + "; see 'errors'.";
	}

	private static InvalidField invalidField(FieldError error) {
		if (error.isBindingFailure() && error.contains(TypeMismatchException.class)) {
			return InvalidField.notOfType(error.getField(),
					error.unwrap(TypeMismatchException.class).getRequiredType());
		}
		return new InvalidField(error.getField(), message(error));
	}

	private static InvalidField invalidObject(ObjectError error) {
		return new InvalidField(error.getObjectName(), message(error));
	}

	private static String message(MessageSourceResolvable error) {
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String parameterName(ParameterValidationResult result) {
		String name = result.getMethodParameter().getParameterName();
		return (name != null) ? name : "arg" + result.getMethodParameter().getParameterIndex();
	}

	private static String leafName(ConstraintViolation<?> violation) {
		String name = "";
		for (Path.Node node : violation.getPropertyPath()) {
			name = (node.getName() != null) ? node.getName() : name;
		}
		return name;
	}

	private static @Nullable String path(WebRequest request) {
		if (request instanceof ServletWebRequest servletRequest) {
			HttpServletRequest httpRequest = servletRequest.getRequest();
			return httpRequest.getRequestURI();
		}
		return null;
	}

	private static String describe(WebRequest request) {
		return (request instanceof ServletWebRequest servletRequest)
				? servletRequest.getRequest().getMethod() + " " + servletRequest.getRequest().getRequestURI()
				: request.getDescription(false);
	}

}
