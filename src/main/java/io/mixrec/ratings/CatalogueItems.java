package io.mixrec.ratings;

import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.Repository;

/**
 * The item reads, as Spring Data derived queries on {@link CatalogueItem}: one item by
 * its external id, and pages of the catalogue in id order, optionally those whose title
 * contains a text. Writes go through {@link ItemRepository} and the importers.
 */
interface CatalogueItems extends Repository<CatalogueItem, Long> {

	Optional<CatalogueItem> findByExternalId(String externalId);

	Page<CatalogueItem> findAllByOrderByExternalIdAsc(Pageable pageable);

	Page<CatalogueItem> findByTitleContainingIgnoreCaseOrderByExternalIdAsc(String text, Pageable pageable);

}
