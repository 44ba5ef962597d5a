import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { projectAccess } from '../services/access.service.ts';
import { reviewAnnotation } from '../services/review.service.ts';

const AnnParams = z.object({
  id: z.coerce.number().int().positive(),
  annId: z.coerce.number().int().positive(),
});
const Review = z
  .object({
    decision: z.enum(['accept', 'reject', 'fix']),
    reason: z.string().max(2000).optional(),
    regions: z.array(z.unknown()).max(20_000).optional(),
    version: z.number().int().positive(),
  })
  .strict();

/** Review decisions on submitted annotations (reviewers and managers). */
export function reviewRoutes(app: FastifyInstance, ctx: AppContext): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      '/api/projects/:id/annotations/:annId/review',
      { schema: { tags: ['review'], params: AnnParams, body: Review } },
      async (req) => {
        const a = await projectAccess(ctx, req, req.params.id, 'review');
        return reviewAnnotation(ctx, a, req.params.annId, req.body, req.ip);
      },
    );
}
