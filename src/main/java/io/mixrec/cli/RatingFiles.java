package io.mixrec.cli;

import java.io.IOException;
import java.nio.file.Path;

import io.mixrec.em.RatingMatrix;

/**
 * Loads one rating file, or a train/test pair into shared index spaces. Users and items
 * are numbered in the order of their ids as strings (training ids first in a split), not
 * in the order the file lists them: the same ratings in any order are the same data to
 * the engine, whose random starts depend on the numbering, and the service numbers the
 * ids of a fresh import the same way (its keys follow the sorted ids).
 */
final class RatingFiles {

	private RatingFiles() {
	}

	/**
	 * @param file a rating file
	 * @return its ratings with their dictionaries
	 * @throws IOException when the file cannot be read
	 */
	static RatingData load(Path file) throws IOException {
		IdDictionary users = new IdDictionary();
		IdDictionary items = new IdDictionary();
		RatingMatrix.Builder builder = RatingMatrix.builder();
		RatingFileReader.read(file, users, items, builder);
		IdDictionary.Sorted sortedUsers = users.sorted(users.size());
		IdDictionary.Sorted sortedItems = items.sorted(items.size());
		builder.renumber(sortedUsers.newIndex(), sortedItems.newIndex());
		return new RatingData(builder.build(users.size(), items.size()), sortedUsers.dictionary(),
				sortedItems.dictionary());
	}

	/**
	 * Loads a split so that both matrices share dictionaries: training ids first, then
	 * ids seen only in the test file. Test-only items become columns of the training
	 * matrix without ratings; test-only users are rows of the test matrix beyond the
	 * training matrix's last row.
	 * @param trainFile training ratings
	 * @param testFile held-out ratings
	 * @return the split
	 * @throws IOException when a file cannot be read
	 */
	static Split loadSplit(Path trainFile, Path testFile) throws IOException {
		IdDictionary users = new IdDictionary();
		IdDictionary items = new IdDictionary();
		RatingMatrix.Builder train = RatingMatrix.builder();
		RatingFileReader.read(trainFile, users, items, train);
		int trainUsers = users.size();
		int trainItems = items.size();
		RatingMatrix.Builder test = RatingMatrix.builder();
		RatingFileReader.read(testFile, users, items, test);
		int[] userIndex = users.sorted(trainUsers).newIndex();
		int[] itemIndex = items.sorted(trainItems).newIndex();
		train.renumber(userIndex, itemIndex);
		test.renumber(userIndex, itemIndex);
		return new Split(train.build(trainUsers, items.size()), test.build(users.size(), items.size()),
				users.size() - trainUsers, items.size() - trainItems);
	}

	/**
	 * A train/test pair in shared index spaces.
	 *
	 * @param train training ratings, a column for every item of either file
	 * @param test held-out ratings, a row for every user of either file
	 * @param testOnlyUsers users without training ratings
	 * @param testOnlyItems items without training ratings
	 */
	record Split(RatingMatrix train, RatingMatrix test, int testOnlyUsers, int testOnlyItems) {
	}

}
