package io.mixrec.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bijection between external string ids and dense indices 0..size-1, in order of first
 * appearance. Mutable while data is being collected ({@link #intern}); share it only
 * after that.
 */
final class IdDictionary {

	private final Map<String, Integer> index;

	private final List<String> ids;

	/** Creates an empty dictionary. */
	public IdDictionary() {
		this.index = new HashMap<>();
		this.ids = new ArrayList<>();
	}

	/**
	 * Creates a dictionary holding the given ids at their list positions.
	 * @param ids distinct ids
	 * @return the dictionary
	 */
	public static IdDictionary of(List<String> ids) {
		IdDictionary dictionary = new IdDictionary();
		for (String id : ids) {
			if (dictionary.intern(id) != dictionary.size() - 1) {
				throw new IllegalArgumentException("duplicate id: " + id);
			}
		}
		return dictionary;
	}

	/**
	 * @param id an external id
	 * @return its index, assigning the next free one if it is new
	 */
	public int intern(String id) {
		Integer existing = this.index.get(id);
		if (existing != null) {
			return existing;
		}
		int next = this.ids.size();
		this.index.put(id, next);
		this.ids.add(id);
		return next;
	}

	/**
	 * @param id an external id
	 * @return its index, or -1 when unknown
	 */
	public int indexOf(String id) {
		Integer existing = this.index.get(id);
		return (existing != null) ? existing : -1;
	}

	/**
	 * @param index a dense index
	 * @return the external id
	 */
	public String idOf(int index) {
		return this.ids.get(index);
	}

	public int size() {
		return this.ids.size();
	}

	/**
	 * The same ids renumbered in string order within [0, boundary) and within [boundary,
	 * size): indices below the boundary stay below it.
	 * @param boundary the end of the first range
	 * @return the renumbered dictionary and each old index's new one
	 */
	public Sorted sorted(int boundary) {
		List<String> first = new ArrayList<>(this.ids.subList(0, boundary));
		List<String> rest = new ArrayList<>(this.ids.subList(boundary, this.ids.size()));
		java.util.Collections.sort(first);
		java.util.Collections.sort(rest);
		first.addAll(rest);
		IdDictionary sorted = of(first);
		int[] newIndex = new int[this.ids.size()];
		for (int i = 0; i < newIndex.length; i++) {
			newIndex[i] = sorted.indexOf(this.ids.get(i));
		}
		return new Sorted(sorted, newIndex);
	}

	/**
	 * A renumbered dictionary.
	 *
	 * @param dictionary the ids in their new order
	 * @param newIndex the new index of every old index
	 */
	public record Sorted(IdDictionary dictionary, int[] newIndex) {
	}

	/**
	 * @return the ids in index order (a copy)
	 */
	public List<String> ids() {
		return List.copyOf(this.ids);
	}

}
