package io.mixrec.ratings;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import io.mixrec.web.ErrorTypes;
import io.mixrec.web.ProblemDetailsWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers JSON requests whose body exceeds {@code mixrec.ratings.max-json-body-bytes}
 * with 413, before anything parses them. A declared {@code Content-Length} is checked up
 * front (so a client that sent {@code Expect: 100-continue} never sends the body); a
 * chunked body is read up to the limit and handed on from memory. Runs after the security
 * filters, so that only authorised clients get this far. The CSV import is streamed and
 * not limited.
 */
final class JsonBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final ProblemDetailsWriter problems;

	JsonBodyLimitFilter(long limit, ProblemDetailsWriter problems) {
		this.limit = limit;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType == null) {
			return true;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !(MediaType.APPLICATION_JSON.includes(type) || "json".equals(type.getSubtypeSuffix()));
		}
		catch (InvalidMediaTypeException ex) {
			return true; // Spring MVC answers it with 415
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			reject(request, response);
			return;
		}
		if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = readAtMost(request.getInputStream(), this.limit + 1);
			if (body.length > this.limit) {
				reject(request, response);
				return;
			}
			chain.doFilter(new BufferedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void reject(HttpServletRequest request, HttpServletResponse response) throws IOException {
		// Tomcat closes the connection after a 413 rather than read the rest of the body.
		this.problems.write(response,
				ProblemDetailsWriter.problem(HttpStatus.CONTENT_TOO_LARGE, ErrorTypes.CONTENT_TOO_LARGE,
						"The request body is larger than the limit of " + this.limit + " bytes.",
						request.getRequestURI()));
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] chunk = new byte[64 * 1024];
		int read;
		while (out.size() < max && (read = in.read(chunk, 0, (int) Math.min(chunk.length, max - out.size()))) >= 0) {
			out.write(chunk, 0, read);
		}
		return out.toByteArray();
	}

	/** The request with its body already read into memory. */
	private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

		private final byte[] body;

		BufferedBodyRequest(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(this.body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					throw new UnsupportedOperationException("Synchronous reads only");
				}

			};
		}

		@Override
		public int getContentLength() {
			return this.body.length;
		}

		@Override
		public long getContentLengthLong() {
			return this.body.length;
		}

	}

}
