package io.mixrec.ratings;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

import io.mixrec.tabular.ItemFormat;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /items/import}: a catalogue file (CSV, TSV, MovieLens {@code movies.csv} or
 * {@code u.item}) of any size, streamed into the database by {@link ItemImporter}; the
 * parameters both imports take are {@link ImportParameters}, {@code charset} and
 * {@code format} are the catalogue's own.
 */
@RestController
@Tag(name = "Items")
class ItemImportController {

	/** Charsets in which the delimiters, quotes and line breaks are the ASCII bytes. */
	private static final List<Charset> CHARSETS = List.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
			StandardCharsets.ISO_8859_1, Charset.forName("ISO-8859-15"), Charset.forName("windows-1252"));

	private final ItemImporter importer;

	ItemImportController(ItemImporter importer) {
		this.importer = importer;
	}

	@Operation(operationId = "importItems",
			summary = "Import item titles and attributes from CSV or TSV, in one" + " transaction",
			description = "Creates the items or replaces their title and attributes, as PUT /items/{itemId} does."
					+ " A header names the columns: the id (id, itemId, item_id, movieId, movie_id or item), an"
					+ " optional title, and attributes (any other name; genres is split on | into a list)."
					+ " Quoted fields may hold delimiters, doubled quotes and line breaks (RFC 4180). MovieLens"
					+ " movies.csv imports as it is, u.item with charset=ISO-8859-1 (its layout is recognised, or"
					+ " say format=movielens-100k).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
					@Content(mediaType = "text/csv",
							schema = @Schema(type = "string",
									example = "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n")),
					@Content(mediaType = "text/tab-separated-values",
							schema = @Schema(type = "string", example = "id\ttitle\n1\tToy Story (1995)\n")) }))
	@PostMapping(path = "/items/import", consumes = { "text/csv", "text/tab-separated-values" })
	ImportReport importItems(HttpServletRequest request, @Valid @ParameterObject ImportParameters parameters,
			@Parameter(description = "The file's charset: UTF-8 (default), US-ASCII, ISO-8859-1, ISO-8859-15 or"
					+ " windows-1252; also taken from the Content-Type") @RequestParam(
							required = false) @Nullable String charset,
			@Parameter(description = "movielens-100k for u.item (pipes, no header, 19 genre flags), or csv",
					schema = @Schema(allowableValues = { "csv", "movielens-100k" })) @RequestParam(
							required = false) @Nullable String format)
			throws IOException, UnsupportedBodyException {
		ItemFormat itemFormat = parameters.itemFormat(format);
		Charset decoding = charset(charset, request);
		return this.importer.importItems(ImportBody.open(request), itemFormat, decoding, parameters.mode());
	}

	private static Charset charset(@Nullable String parameter, HttpServletRequest request) {
		String name = parameter;
		if (name == null || name.isEmpty()) {
			name = ImportBody.declaredCharset(request);
		}
		if (name == null || name.isEmpty()) {
			return StandardCharsets.UTF_8;
		}
		try {
			Charset charset = Charset.forName(name.replace("\"", "").strip());
			if (CHARSETS.contains(charset)) {
				return charset;
			}
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			// answered below
		}
		throw new UnreadableInputException(
				"charset must be UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 or windows-1252," + " not '" + name + "'.");
	}

}
