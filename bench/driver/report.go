package main

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

var resourceTitles = map[string]string{
	"project":             "project",
	"flexcluster":         "flex cluster",
	"serverlessinstance":  "serverless instance",
	"databaseuser":        "database user",
	"projectipaccesslist": "IP access list entry",
}

func writeReport(b *strings.Builder, o options, results []runResult, validate time.Duration, validateRSS int64, providerBin string) {
	fmt.Fprintf(b, "\n## End-to-end results\n\n")
	fmt.Fprintf(b, "Median of %d run(s); atlas-sim -latency %s -transition %s; CLI %s with -parallelism=%d; API-key (HTTP Digest) credentials; serverless world date %s.\n",
		o.runs, o.latency, o.transition, cliVersion(o.cli), o.parallelism, orToday(o.serverlessDay))
	fmt.Fprintf(b, "Requests are logical API calls (digest 401 challenges left out), then the raw HTTP count in brackets, then per instance.\n\n")
	b.WriteString("| resource | size | create requests | refresh requests | destroy requests | create (s) | refresh (s) | destroy (s) | peak provider RSS (MiB) |\n")
	b.WriteString("| --- | ---: | --- | --- | --- | ---: | ---: | ---: | ---: |\n")
	var waiting strings.Builder
	for _, res := range o.resources {
		for _, size := range o.sizes {
			rs := runsOf(results, res, size)
			if len(rs) == 0 {
				fmt.Fprintf(b, "| %s | %d | failed | | | | | | |\n", title(res), size)
				continue
			}
			pick := func(f func(runResult) float64) float64 { return medianOf(rs, f) }
			reqs := func(f func(runResult) counts) string {
				l := pick(func(r runResult) float64 { return float64(f(r).Logical) })
				raw := pick(func(r runResult) float64 { return float64(f(r).Raw) })
				return fmt.Sprintf("%s (%s) = %s/inst", num(l), num(raw), num(l/float64(size)))
			}
			drift := ""
			for _, r := range rs {
				if r.RefreshDrift {
					drift = " ⚠ plan showed changes"
				}
			}
			fmt.Fprintf(b, "| %s | %d | %s | %s%s | %s | %.2f | %.2f | %.2f | %.1f |\n",
				title(res), size,
				reqs(func(r runResult) counts { return r.CreateReqs }),
				reqs(func(r runResult) counts { return r.RefreshReqs }), drift,
				reqs(func(r runResult) counts { return r.DestroyReqs }),
				pick(func(r runResult) float64 { return r.CreateSec }),
				pick(func(r runResult) float64 { return r.RefreshSec }),
				pick(func(r runResult) float64 { return r.DestroySec }),
				pick(func(r runResult) float64 { return float64(r.PeakRSSKiB) })/1024,
			)
			if rs[0].Waits {
				writeWaitRow(&waiting, o, res, size, rs)
			}
		}
	}
	if waiting.Len() > 0 {
		b.WriteString("\nWaiting on transitions. Status reads are the GETs of one instance and of its collection (list) during the\n")
		b.WriteString("command, in total for all instances (the provider shares them), out of the command's logical requests.\n")
		b.WriteString("IDLE → done and gone → done end at the CLI's exit; poll lag and gone lag are medians over instances.\n\n")
		b.WriteString("| resource | size | transition | create status reads | IDLE → apply done (s) | poll lag (s) | destroy status reads | gone → destroy done (s) | gone lag (s) |\n")
		b.WriteString("| --- | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: |\n")
		b.WriteString(waiting.String())
	}

	size := int64(-1)
	if fi, err := os.Stat(providerBin); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(b, "\n| figure | value |\n| --- | ---: |\n")
	fmt.Fprintf(b, "| provider binary, stripped (`-trimpath -ldflags \"-s -w\"`, %s/%s) | %.1f MB (%.1f MiB) |\n", runtime.GOOS, runtime.GOARCH, float64(size)/1e6, float64(size)/(1<<20))
	fmt.Fprintf(b, "| `validate` of bench/project (schema load), median of %d | %.2f s |\n", o.runs, validate.Seconds())
	fmt.Fprintf(b, "| peak provider RSS during `validate` | %.1f MiB |\n", float64(validateRSS)/1024)
}

// writeWaitRow writes one row of the waiting table.
func writeWaitRow(b *strings.Builder, o options, res string, size int, rs []runResult) {
	pick := func(f func(runResult) float64) float64 { return medianOf(rs, f) }
	reads := func(w func(runResult) waitFigures, total func(runResult) counts) string {
		return fmt.Sprintf("%s of %s (%s GET + %s list)",
			num(pick(func(r runResult) float64 { return float64(w(r).StatusReads) })),
			num(pick(func(r runResult) float64 { return float64(total(r).Logical) })),
			num(pick(func(r runResult) float64 { return float64(w(r).SingleGets) })),
			num(pick(func(r runResult) float64 { return float64(w(r).ListGets) })))
	}
	create := func(r runResult) waitFigures { return r.CreateWait }
	destroy := func(r runResult) waitFigures { return r.DestroyWait }
	fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n",
		title(res), size, o.transition,
		reads(create, func(r runResult) counts { return r.CreateReqs }),
		optional(pick(func(r runResult) float64 { return create(r).ToDone }), "%.2f"),
		optional(pick(func(r runResult) float64 { return create(r).ReadLag }), "%.2f"),
		reads(destroy, func(r runResult) counts { return r.DestroyReqs }),
		optional(pick(func(r runResult) float64 { return destroy(r).ToDone }), "%.2f"),
		optional(pick(func(r runResult) float64 { return destroy(r).ReadLag }), "%.2f"),
	)
}

func runsOf(results []runResult, res string, size int) []runResult {
	var rs []runResult
	for _, r := range results {
		if r.Resource == res && r.Size == size {
			rs = append(rs, r)
		}
	}
	return rs
}

func medianOf(rs []runResult, f func(runResult) float64) float64 {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, f(r))
	}
	return median(xs)
}

func title(res string) string {
	if t, ok := resourceTitles[res]; ok {
		return t
	}
	return res
}

func num(x float64) string {
	if x == float64(int64(x)) {
		return fmt.Sprintf("%d", int64(x))
	}
	return fmt.Sprintf("%.1f", x)
}

func optional(x float64, format string) string {
	if x < 0 {
		return "–"
	}
	return fmt.Sprintf(format, x)
}

func orToday(s string) string {
	if s == "" {
		return "today"
	}
	return s
}

func cliVersion(cli string) string {
	out, _ := runQuiet(cli, "version")
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Terraform v") || strings.HasPrefix(line, "OpenTofu v") {
			return strings.TrimSpace(line)
		}
	}
	return cli
}
