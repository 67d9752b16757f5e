package metrics

import "strings"

// Closest returns the catalogue name nearest to name by edit distance, or "" when nothing is close.
func Closest(name string) string { return closest(catalogue, name) }

// closest returns the name in c nearest to name by edit distance, or "" when nothing is close.
func closest(c map[string]Metric, name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	best, bestDist := "", len(name)/2+2
	for candidate := range c {
		if d := editDistance(name, candidate); d < bestDist || (d == bestDist && candidate < best) {
			best, bestDist = candidate, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
