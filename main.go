// Command terraform-provider-mongodbatlas serves the MongoDB Atlas and Cloud Manager
// Terraform provider over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/tfatlas/terraform-provider-mongodbatlas/internal/provider"
)

// version is set by goreleaser through -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		// The provider address is declared here and nowhere else.
		Address: "registry.terraform.io/tfatlas/mongodbatlas",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
