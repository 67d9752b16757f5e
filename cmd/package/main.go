// Command package writes dist/<plugin id>-<version>.zip: one top folder named for the plugin id holding dist.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	dist := flag.String("dist", "dist", "the built plugin folder")
	flag.Parse()
	out, err := Package(*dist)
	if err != nil {
		fmt.Fprintln(os.Stderr, "package:", err)
		os.Exit(1)
	}
	fmt.Println(out)
}
