package io.mixrec.ratings;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A row of {@code items} as JPA reads it, for the item reads ({@link CatalogueItems}).
 * Immutable to Hibernate: items are written by SQL only (the upsert of {@code PUT
 * /items/{itemId}}, the imports' {@code COPY} and set-based merges, the implicit creation
 * by ratings), since those paths need {@code ON CONFLICT} and bulk loading that an entity
 * manager does not offer.
 */
@Entity
@Immutable
@Table(name = "items")
class CatalogueItem {

	@Id
	private Long id;

	@Column(name = "external_id", nullable = false, length = 128)
	private String externalId;

	@Column(name = "title", columnDefinition = "text")
	private @Nullable String title;

	@JdbcTypeCode(SqlTypes.JSON)
	@Column(name = "attributes", columnDefinition = "jsonb")
	private @Nullable String attributes;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected CatalogueItem() {
		// for JPA
		this.id = 0L;
		this.externalId = "";
		this.createdAt = Instant.EPOCH;
		this.updatedAt = Instant.EPOCH;
	}

	String getExternalId() {
		return this.externalId;
	}

	@Nullable String getTitle() {
		return this.title;
	}

	/** The attributes as JSON text, or null. */
	@Nullable String getAttributes() {
		return this.attributes;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
