package io.mixrec.ratings;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import io.mixrec.tabular.RatingFormat;
import io.mixrec.tabular.TableFormatException;
import io.mixrec.web.ApiException;
import io.mixrec.web.ErrorTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ratings/import?onError=reject|skip}: a UTF-8 CSV or TSV body of any size,
 * streamed into the database by {@link RatingImporter}; {@code columns},
 * {@code delimiter} and {@code header} say what is not to be sniffed (see
 * {@link io.mixrec.tabular.RatingRecords}). Takes the servlet request rather than a body
 * argument so that nothing reads or buffers the body before the importer.
 */
@RestController
@Tag(name = "Ratings")
class RatingImportController {

	private static final Set<String> UTF8_COMPATIBLE = Set.of("utf-8", "utf8", "us-ascii");

	private final RatingImporter importer;

	RatingImportController(RatingImporter importer) {
		this.importer = importer;
	}

	@Operation(operationId = "importRatings",
			summary = "Import a CSV or TSV of ratings of any size, in one transaction",
			description = "Takes MovieLens u.data (user, item, rating, timestamp separated by tabs, no header) and"
					+ " ratings.csv (header userId,movieId,rating,timestamp) as they are. What the parameters leave"
					+ " open is sniffed from the first line: the delimiter (the one of tab, comma, semicolon and"
					+ " pipe that occurs), the header (the line names a known column; it is data if its rating"
					+ " field is a number) and the columns (by name, else user, item, rating[, timestamp]);"
					+ " an undecidable first line is a 400.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = {
							@Content(mediaType = "text/csv",
									schema = @Schema(type = "string",
											example = "userId,itemId,rating,timestamp\nu1,i1,4,1767323045\n")),
							@Content(mediaType = "text/tab-separated-values",
									schema = @Schema(type = "string", example = "196\t242\t3\t881250949\n")) }))
	@PostMapping(path = "/ratings/import", consumes = { "text/csv", "text/tab-separated-values" })
	ImportReport importCsv(HttpServletRequest request,
			@Parameter(schema = @Schema(allowableValues = { "reject", "skip" }, defaultValue = "reject")) @RequestParam(
					defaultValue = "reject") String onError,
			@Parameter(description = "Column names in file order, e.g. user,item,rating,timestamp; names other"
					+ " than the known ones (userId, user_id, user; itemId, item_id, movieId, movie_id, item; rating;"
					+ " timestamp, ratedAt, rated_at) are ignored columns. Default: the header's names, or"
					+ " user,item,rating[,timestamp] without a header.") @RequestParam(
							required = false) @Nullable String columns,
			@Parameter(description = "tab, comma, semicolon, pipe or one character; default: sniffed from the first"
					+ " line") @RequestParam(required = false) @Nullable String delimiter,
			@Parameter(description = "Whether the first line is a header; default: sniffed",
					schema = @Schema(allowableValues = { "true", "false" })) @RequestParam(
							required = false) @Nullable String header)
			throws IOException {
		OnError mode = OnError.of(onError);
		RatingFormat format;
		try {
			format = RatingFormat.of(delimiter, header, columns);
		}
		catch (TableFormatException ex) {
			throw new UnreadableInputException(ex.getMessage());
		}
		// Boot's encoding filter forces getCharacterEncoding() to UTF-8: read the header.
		String charset = MediaType.parseMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE)).getParameter("charset");
		if (charset != null && !UTF8_COMPATIBLE.contains(charset.replace("\"", "").toLowerCase(Locale.ROOT))) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorTypes.UNSUPPORTED_MEDIA_TYPE,
					"The file must be UTF-8, not " + charset + ".");
		}
		String encoding = request.getHeader("Content-Encoding");
		if (encoding != null && !encoding.toLowerCase(Locale.ROOT).equals("identity")) {
			throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorTypes.UNSUPPORTED_MEDIA_TYPE,
					"Content-Encoding " + encoding + " is not supported; send the file uncompressed.");
		}
		return this.importer.importCsv(request.getInputStream(), format, mode);
	}

}
