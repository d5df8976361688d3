package tags

import (
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/atlas"
)

// mapFromFuzz turns fuzz text into a tags map: pairs separated by "\n", key and
// value by "=", so the fuzzer can invent keys and values of any content.
func mapFromFuzz(s string) map[string]string {
	m := map[string]string{}
	if s == "" {
		return m
	}
	for _, line := range strings.Split(s, "\n") {
		k, v, _ := strings.Cut(line, "=")
		m[k] = v
	}
	return m
}

// FuzzTagsRoundTrip: a tags map sent to Atlas (FromGoMap) and read back (ToMap)
// is the same map, so tags never show a diff of their own making; the list sent
// is sorted by key, and no tags at all is a null map (no diff against a
// configuration without tags).
func FuzzTagsRoundTrip(f *testing.F) {
	for _, seed := range []string{
		"", "env=dev", "env=dev\nteam=data", "=", "k=", "=v", "b=1\na=2\nc=3",
		"env=dev\nenv=prod", "cost center=RD-42", "ключ=значение", "k=v=w", "\xff=\xfe",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in := mapFromFuzz(s)
		list := FromGoMap(in)
		if len(list) != len(in) {
			t.Fatalf("%d tags became %d", len(in), len(list))
		}
		if !sort.SliceIsSorted(list, func(i, j int) bool { return list[i].Key < list[j].Key }) {
			t.Fatalf("list not sorted by key: %v", list)
		}
		for _, tag := range list {
			if v, ok := in[tag.Key]; !ok || v != tag.Value {
				t.Fatalf("tag %q=%q is not in the input %v", tag.Key, tag.Value, in)
			}
		}
		out := ToMap(list)
		if len(in) == 0 {
			if !out.IsNull() {
				t.Fatalf("no tags became %v, want a null map", out)
			}
			return
		}
		if out.IsNull() || out.IsUnknown() {
			t.Fatalf("%d tags became %v", len(in), out)
		}
		got := map[string]string{}
		for k, v := range out.Elements() {
			sv, ok := v.(types.String)
			if !ok || sv.IsNull() || sv.IsUnknown() {
				t.Fatalf("tag %q has value %v", k, v)
			}
			got[k] = sv.ValueString()
		}
		if len(got) != len(in) {
			t.Fatalf("round trip: %v became %v", in, got)
		}
		for k, v := range in {
			if got[k] != v {
				t.Fatalf("round trip: %v became %v", in, got)
			}
		}
		// And back again: what Read stores is what Update would send.
		again := FromGoMap(got)
		if len(again) != len(list) {
			t.Fatalf("second round trip changed the list: %v -> %v", list, again)
		}
		for i := range list {
			if again[i] != list[i] {
				t.Fatalf("second round trip changed the list: %v -> %v", list, again)
			}
		}
	})
}

// FuzzToMapFromAtlas: whatever list Atlas sends, ToMap keeps every key, with
// the value of its last occurrence, and never panics.
func FuzzToMapFromAtlas(f *testing.F) {
	f.Add("env=dev\nenv=prod")
	f.Add("")
	f.Add("a=1\n=\nb=")
	f.Fuzz(func(t *testing.T, s string) {
		var list []atlas.Tag
		last := map[string]string{}
		if s != "" {
			for _, line := range strings.Split(s, "\n") {
				k, v, _ := strings.Cut(line, "=")
				list = append(list, atlas.Tag{Key: k, Value: v})
				last[k] = v
			}
		}
		out := ToMap(list)
		if len(list) == 0 {
			if !out.IsNull() {
				t.Fatalf("empty list became %v", out)
			}
			return
		}
		if len(out.Elements()) != len(last) {
			t.Fatalf("%v became %v", list, out)
		}
		for k, v := range last {
			if got, ok := out.Elements()[k].(types.String); !ok || got.ValueString() != v {
				t.Fatalf("key %q: got %v, want %q", k, out.Elements()[k], v)
			}
		}
	})
}
