package io.mixrec.ratings;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;

import io.mixrec.tabular.RatingFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ratings/import?onError=reject|skip}: a UTF-8 CSV or TSV body of any size,
 * streamed into the database by {@link RatingImporter}; {@code columns},
 * {@code delimiter} and {@code header} say what is not to be sniffed (see
 * {@link io.mixrec.tabular.RatingRecords}).
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
	ImportReport importCsv(HttpServletRequest request, @Valid @ParameterObject ImportParameters parameters)
			throws IOException, UnsupportedBodyException {
		RatingFormat format = parameters.ratingFormat();
		String charset = ImportBody.declaredCharset(request);
		if (charset != null && !UTF8_COMPATIBLE.contains(charset.replace("\"", "").toLowerCase(Locale.ROOT))) {
			throw new UnsupportedBodyException("The file must be UTF-8, not " + charset + ".");
		}
		return this.importer.importCsv(ImportBody.open(request), format, parameters.mode());
	}

}
