package io.mixrec.ratings;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The body of an import request as its headers describe it. The imports take the servlet
 * request rather than a body argument so that nothing reads or buffers the body before
 * the importer.
 */
final class ImportBody {

	private ImportBody() {
	}

	/**
	 * The {@code charset} parameter of the request's {@code Content-Type}. Boot's
	 * encoding filter forces {@code getCharacterEncoding()} to UTF-8, so this reads the
	 * header.
	 * @param request the request
	 * @return the charset's name as sent, or null
	 */
	static @Nullable String declaredCharset(HttpServletRequest request) {
		return MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)).getParameter("charset");
	}

	/**
	 * The body, which must not be compressed.
	 * @param request the request
	 * @return the body, to be read to its end
	 * @throws UnsupportedBodyException for a {@code Content-Encoding} other than
	 * {@code identity}
	 * @throws IOException if the body cannot be opened
	 */
	static InputStream open(HttpServletRequest request) throws IOException, UnsupportedBodyException {
		String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
		if (encoding != null && !encoding.toLowerCase(Locale.ROOT).equals("identity")) {
			throw new UnsupportedBodyException(
					"Content-Encoding " + encoding + " is not supported; send the file uncompressed.");
		}
		return request.getInputStream();
	}

}
