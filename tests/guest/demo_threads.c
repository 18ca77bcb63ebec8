/*
 * Demo: renders the Mandelbrot set as ASCII art with 4 threads, each
 * computing an interleaved set of rows, then prints the picture and a
 * checksum.  The output does not depend on thread scheduling.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { WIDTH = 72, HEIGHT = 28, MAX_ITER = 256, NTHREADS = 4 };

static char picture[HEIGHT][WIDTH + 1];
static unsigned long iterations[NTHREADS];

static int escape_time(double cr, double ci)
{
    double zr = 0, zi = 0;
    int n = 0;
    while (n < MAX_ITER && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        n++;
    }
    return n;
}

static void *render_rows(void *arg)
{
    static const char shades[] = " .:-=+*#%@";
    int id = (int)(long)arg;
    for (int y = id; y < HEIGHT; y += NTHREADS) {
        for (int x = 0; x < WIDTH; x++) {
            double cr = -2.2 + 3.0 * x / WIDTH;
            double ci = -1.2 + 2.4 * y / HEIGHT;
            int n = escape_time(cr, ci);
            iterations[id] += n;
            picture[y][x] = n == MAX_ITER ? '@' : shades[n % 9];
        }
        picture[y][WIDTH] = '\0';
    }
    return NULL;
}

int main(void)
{
    pthread_t threads[NTHREADS];
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&threads[i], NULL, render_rows, (void *)i) != 0) {
            perror("pthread_create");
            return 1;
        }
    unsigned long total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(threads[i], NULL);
        total += iterations[i];
    }
    for (int y = 0; y < HEIGHT; y++)
        puts(picture[y]);
    printf("%d threads rendered %dx%d points, %lu iterations in total\n",
           NTHREADS, WIDTH, HEIGHT, total);
    return 0;
}
