/*
 * include/linux/slab.h: the slab allocator, as far as arch code uses it to
 * build VMAs by hand:
 *
 *	vma = kmem_cache_zalloc(vm_area_cachep, SLAB_KERNEL);
 *	...
 *	kmem_cache_free(vm_area_cachep, vma);
 *
 * The model has the one cache arch code needs, vm_area_cachep, whose
 * objects are the model's VMA records (kernel/mmap.cc).
 */
#ifndef VZSIM_INCLUDE_LINUX_SLAB_H
#define VZSIM_INCLUDE_LINUX_SLAB_H

typedef unsigned int gfp_t;
typedef struct kmem_cache kmem_cache_t;

#define GFP_KERNEL 0xd0U
#define SLAB_KERNEL GFP_KERNEL

#ifdef __cplusplus
extern "C" {
#endif

extern kmem_cache_t *vm_area_cachep;

void *kmem_cache_alloc(kmem_cache_t *cachep, gfp_t flags);
void *kmem_cache_zalloc(kmem_cache_t *cachep, gfp_t flags);
void kmem_cache_free(kmem_cache_t *cachep, void *objp);

#ifdef __cplusplus
}
#endif

#endif /* VZSIM_INCLUDE_LINUX_SLAB_H */
