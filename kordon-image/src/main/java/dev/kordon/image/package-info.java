/** Container images: sources, layers, inventory, OSV matching, SBOM and signatures. */
package dev.kordon.image;
