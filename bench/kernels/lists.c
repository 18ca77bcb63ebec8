/* Pointer chasing: walking a linked list whose nodes are shuffled in
 * memory, and inserting into / searching an unbalanced binary tree. */
#include "../bench_common.h"

struct node {
    struct node *next;
    uint64_t value;
};

struct tree {
    struct tree *left, *right;
    uint64_t key;
};

static uint64_t walk_list(const struct node *n)
{
    uint64_t sum = 0;
    for (; n; n = n->next)
        sum += n->value;
    return sum;
}

static void tree_insert(struct tree **root, struct tree *t)
{
    while (*root)
        root = t->key < (*root)->key ? &(*root)->left : &(*root)->right;
    *root = t;
}

static int tree_find(const struct tree *t, uint64_t key)
{
    while (t) {
        if (key == t->key)
            return 1;
        t = key < t->key ? t->left : t->right;
    }
    return 0;
}

int main(int argc, char **argv)
{
    double scale = bench_scale_arg(argc, argv, 1);
    long n = 200000;
    long walks = bench_scaled(20, scale);
    long lookups = bench_scaled(500000, scale);
    uint64_t seed = 3, sum = 0;

    /* The list visits the nodes in a random permutation of memory order. */
    struct node *nodes = bench_alloc((size_t)n * sizeof *nodes);
    long *perm = bench_alloc((size_t)n * sizeof *perm);
    for (long i = 0; i < n; i++)
        perm[i] = i;
    for (long i = n - 1; i > 0; i--) {
        long j = (long)(bench_rand(&seed) % (uint64_t)(i + 1));
        long t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    for (long i = 0; i < n; i++) {
        nodes[perm[i]].value = (uint64_t)i * 3 + 1;
        nodes[perm[i]].next = i + 1 < n ? &nodes[perm[i + 1]] : NULL;
    }
    for (long w = 0; w < walks; w++)
        sum = bench_mix(sum, walk_list(&nodes[perm[0]]));

    struct tree *trees = bench_alloc((size_t)n * sizeof *trees);
    struct tree *root = NULL;
    for (long i = 0; i < n; i++) {
        trees[i].left = trees[i].right = NULL;
        trees[i].key = bench_rand(&seed) % (uint64_t)(4 * n);
        tree_insert(&root, &trees[i]);
    }
    uint64_t found = 0;
    for (long i = 0; i < lookups; i++)
        found += (uint64_t)tree_find(root, bench_rand(&seed) % (uint64_t)(4 * n));
    sum = bench_mix(sum, found);

    bench_checksum("lists", sum);
    free(nodes);
    free(perm);
    free(trees);
    return 0;
}
