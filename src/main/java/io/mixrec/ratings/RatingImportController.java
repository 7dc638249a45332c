package io.mixrec.ratings;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ratings/import?onError=reject|skip}: a UTF-8 CSV body of any size,
 * streamed into the database by {@link RatingImporter}. Takes the servlet request rather
 * than a body argument so that nothing reads or buffers the body before the importer.
 */
@RestController
@Tag(name = "Ratings")
class RatingImportController {

	private static final Set<String> UTF8_COMPATIBLE = Set.of("utf-8", "utf8", "us-ascii");

	private final RatingImporter importer;

	RatingImportController(RatingImporter importer) {
		this.importer = importer;
	}

	@Operation(operationId = "importRatings", summary = "Import a CSV of ratings of any size, in one transaction",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(mediaType = "text/csv",
							schema = @Schema(type = "string",
									example = "userId,itemId,rating,timestamp\nu1,i1,4,1767323045\n"))))
	@PostMapping(path = "/ratings/import", consumes = "text/csv")
	ImportReport importCsv(HttpServletRequest request,
			@Parameter(schema = @Schema(allowableValues = { "reject", "skip" }, defaultValue = "reject")) @RequestParam(
					defaultValue = "reject") String onError)
			throws IOException {
		OnError mode = OnError.of(onError);
		// Boot's encoding filter forces getCharacterEncoding() to UTF-8: read the header.
		String charset = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)).getParameter("charset");
		if (charset != null && !UTF8_COMPATIBLE.contains(charset.replace("\"", "").toLowerCase(Locale.ROOT))) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorTypes.UNSUPPORTED_MEDIA_TYPE,
					"The CSV must be UTF-8, not " + charset + ".");
		}
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.toLowerCase(Locale.ROOT).equals("identity")) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorTypes.UNSUPPORTED_MEDIA_TYPE,
					"Content-Encoding " + encoding + " is not supported; send the CSV uncompressed.");
		}
		return this.importer.importCsv(request.getInputStream(), mode);
	}

}
