package io.mixrec.em;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RatingMatrixTests {

	@Test
	void builderSortsRowsByItemAndKeepsTheLastDuplicate() {
		RatingMatrix matrix = RatingMatrix.builder()
			.add(1, 3, 1)
			.add(0, 2, 5)
			.add(1, 0, 2)
			.add(1, 3, 4.5f)
			.add(0, 0, 3)
			.build();
		assertThat(matrix.users()).isEqualTo(2);
		assertThat(matrix.items()).isEqualTo(4);
		assertThat(matrix.ratings()).isEqualTo(4);
		assertThat(matrix.item(matrix.start(0))).isZero();
		assertThat(matrix.item(matrix.start(0) + 1)).isEqualTo(2);
		assertThat(matrix.get(1, 3)).isEqualTo(4.5);
		assertThat(matrix.get(1, 0)).isEqualTo(2);
		assertThat(matrix.get(0, 1)).isNaN();
		assertThat(matrix.itemCounts()).containsExactly(2, 0, 1, 1);
		assertThat(matrix.mean()).isEqualTo((5 + 2 + 4.5 + 3) / 4);
	}

	@Test
	void explicitShapeKeepsEmptyRowsAndColumns() {
		RatingMatrix matrix = RatingMatrix.builder().add(1, 1, 3).build(4, 5);
		assertThat(matrix.users()).isEqualTo(4);
		assertThat(matrix.items()).isEqualTo(5);
		assertThat(matrix.count(0)).isZero();
		assertThat(matrix.count(3)).isZero();
		assertThat(matrix.count(1)).isEqualTo(1);
	}

	@Test
	void storesTwelveBytesPerRatingAtMost() {
		RatingMatrix matrix = RandomRatings.matrix(500, 100, 0.2, 3, 1);
		assertThat(matrix.bytes()).isLessThanOrEqualTo(8L * matrix.ratings() + 4L * (matrix.users() + 1));
		assertThat(matrix.bytes()).isLessThanOrEqualTo(12L * matrix.ratings());
	}

	@Test
	void inPlaceAssemblyEqualsTheBuilder() {
		RatingMatrix reference = RandomRatings.matrix(200, 40, 0.2, 3, 8);
		int n = reference.ratings();
		int[] users = new int[n];
		int[] items = new int[n];
		float[] values = new float[n];
		// the triples in a random order: the p-th rating goes to position place(p)
		List<Integer> place = IntStream.range(0, n).boxed().collect(Collectors.toList());
		Collections.shuffle(place, new Random(1));
		for (int u = 0; u < reference.users(); u++) {
			for (int p = reference.start(u); p < reference.end(u); p++) {
				int position = place.get(p);
				users[position] = u;
				items[position] = reference.item(p);
				values[position] = reference.value(p);
			}
		}
		RatingMatrix assembled = RatingMatrix.fromUniqueTriples(reference.users(), reference.items(), users, items,
				values);
		assertThat(assembled.ratings()).isEqualTo(n);
		for (int u = 0; u < reference.users(); u++) {
			assertThat(assembled.count(u)).isEqualTo(reference.count(u));
			for (int p = reference.start(u); p < reference.end(u); p++) {
				assertThat(assembled.item(p)).isEqualTo(reference.item(p));
				assertThat(assembled.value(p)).isEqualTo(reference.value(p));
			}
		}
	}

	@Test
	void inPlaceAssemblyRejectsDuplicates() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RatingMatrix.fromUniqueTriples(2, 2, new int[] { 1, 1 }, new int[] { 0, 0 },
					new float[] { 1, 2 }))
			.withMessageContaining("duplicate cell (1, 0)");
	}

	@Test
	void rejectsBrokenInvariants() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RatingMatrix.of(3, new int[] { 0, 2 }, new int[] { 1, 1 }, new float[] { 1, 2 }))
			.withMessageContaining("strictly increasing");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RatingMatrix.of(3, new int[] { 0, 1 }, new int[] { 3 }, new float[] { 1 }))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(() -> RatingMatrix.builder().add(0, 0, Float.NaN))
			.withMessageContaining("non-finite");
		assertThatIllegalArgumentException().isThrownBy(() -> RatingMatrix.builder().add(3, 3, 1).build(2, 2))
			.withMessageContaining("too small");
	}

}
