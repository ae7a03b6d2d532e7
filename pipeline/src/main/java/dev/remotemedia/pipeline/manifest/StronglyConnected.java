package dev.remotemedia.pipeline.manifest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;

/** Tarjan's strongly connected components, iterative so a hostile manifest cannot overflow the stack. */
final class StronglyConnected {
    private StronglyConnected() {}

    /**
     * Returns the components of more than one vertex of the graph with adjacency lists {@code out},
     * each sorted ascending.
     */
    static List<List<Integer>> components(List<List<Integer>> out) {
        final int n = out.size();
        final int[] index = new int[n];
        final int[] low = new int[n];
        final boolean[] onStack = new boolean[n];
        Arrays.fill(index, -1);
        final Deque<Integer> stack = new ArrayDeque<>();
        final List<List<Integer>> result = new ArrayList<>();
        int counter = 0;
        // Each frame is {vertex, next edge to look at}.
        final Deque<int[]> frames = new ArrayDeque<>();
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            frames.push(new int[] {root, 0});
            index[root] = low[root] = counter++;
            stack.push(root);
            onStack[root] = true;
            while (!frames.isEmpty()) {
                final int[] frame = frames.peek();
                final int v = frame[0];
                if (frame[1] < out.get(v).size()) {
                    final int w = out.get(v).get(frame[1]++);
                    if (index[w] < 0) {
                        index[w] = low[w] = counter++;
                        stack.push(w);
                        onStack[w] = true;
                        frames.push(new int[] {w, 0});
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    final int parent = frames.peek()[0];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == index[v]) {
                    final List<Integer> component = new ArrayList<>();
                    int w;
                    do {
                        w = stack.pop();
                        onStack[w] = false;
                        component.add(w);
                    } while (w != v);
                    if (component.size() > 1) {
                        Collections.sort(component);
                        result.add(component);
                    }
                }
            }
        }
        return result;
    }
}
